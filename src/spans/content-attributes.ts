import type { Attributes } from '@opentelemetry/api';
import type { RequestContent } from '../providers/types.js';
import {
  ATTR_GEN_AI_INPUT_MESSAGES, ATTR_GEN_AI_OUTPUT_MESSAGES, ATTR_GEN_AI_SYSTEM_INSTRUCTIONS, ATTR_GEN_AI_TOOL_DEFINITIONS,
} from '../semconv.js';
import { boundedJson } from './bounded-json.js';

/** Opt-in content attributes, each a JSON string within `maxBytes`. */
export function requestContentAttributes(content: RequestContent | undefined, maxBytes: number): Attributes {
  const attributes: Attributes = {};
  if (!content) return attributes;
  if (content.inputMessages) attributes[ATTR_GEN_AI_INPUT_MESSAGES] = boundedJson(content.inputMessages, maxBytes);
  if (content.systemInstructions) {
    attributes[ATTR_GEN_AI_SYSTEM_INSTRUCTIONS] = boundedJson(content.systemInstructions, maxBytes);
  }
  if (content.toolDefinitions) attributes[ATTR_GEN_AI_TOOL_DEFINITIONS] = boundedJson(content.toolDefinitions, maxBytes);
  return attributes;
}

export function responseContentAttributes(outputMessages: unknown[] | undefined, maxBytes: number): Attributes {
  return outputMessages ? { [ATTR_GEN_AI_OUTPUT_MESSAGES]: boundedJson(outputMessages, maxBytes) } : {};
}
