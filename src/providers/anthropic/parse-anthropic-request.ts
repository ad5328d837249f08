import type { RequestFacts } from '../types.js';
import {
  asBoolean, asInteger, asNonEmptyString, asNumber, asObject, asString, asStringList, definedOnly, dig,
} from '../json-fields.js';
import { GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION } from '../../semconv.js';
import { anthropicInputMessages, anthropicSystemInstructions, anthropicToolDefinitions } from './anthropic-content.js';
import { textMessage } from '../content-parts.js';

/**
 * Structured outputs: the beta `output_format` (older SDKs) or `output_config.format` (what the
 * SDK now rewrites `output_format` into). A JSON schema format means JSON output.
 */
function outputTypeOf(body: Record<string, unknown>): string | undefined {
  const format = asObject(body.output_format) ?? asObject(dig(body, 'output_config', 'format'));
  return asString(format?.type) === 'json_schema' ? 'json' : undefined;
}

/**
 * Facts from a Messages API (`/v1/messages`) or legacy Text Completions (`/v1/complete`)
 * request body. `urlModel` is the model a URL names (Claude on Vertex AI puts it in the path and
 * leaves it out of the body).
 */
export function parseAnthropicRequest(
  base: { provider: string; operation: string; urlModel?: string },
  rawBody: unknown,
  captureContent: boolean,
): RequestFacts {
  const body = asObject(rawBody) ?? {};
  const legacy = base.operation === GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION;
  const facts: RequestFacts = {
    provider: base.provider,
    operation: base.operation,
    model: asNonEmptyString(body.model) ?? base.urlModel,
    stream: asBoolean(body.stream) ?? false,
    temperature: asNumber(body.temperature),
    topP: asNumber(body.top_p),
    topK: asInteger(body.top_k),
    maxTokens: legacy ? asInteger(body.max_tokens_to_sample) : asInteger(body.max_tokens),
    stopSequences: asStringList(body.stop_sequences),
    outputType: legacy ? undefined : outputTypeOf(body),
  };
  if (captureContent) {
    facts.content = legacy
      ? { inputMessages: [textMessage('user', asString(body.prompt) ?? '')] }
      : definedOnly({
          inputMessages: anthropicInputMessages(body.messages),
          systemInstructions: anthropicSystemInstructions(body.system),
          toolDefinitions: anthropicToolDefinitions(body.tools),
        });
  }
  return definedOnly(facts);
}
