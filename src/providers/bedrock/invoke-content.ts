import type { RequestContent } from '../types.js';
import { asArray, asObject, asString, definedOnly, type JsonObject } from '../json-fields.js';
import { anthropicBlockPart } from '../anthropic/anthropic-content.js';
import { converseParts, converseSystemInstructions, converseToolDefinitions } from './converse-content.js';
import { textMessage } from '../content-parts.js';

/**
 * Prompt-side content of model-native InvokeModel bodies. Two message dialects occur: Anthropic's
 * typed blocks (`{type: 'text', text}`, `tool_use`, `tool_result`) and Nova's Converse-like blocks
 * (`{text}`, `toolUse`). Bare prompts (`prompt`, Titan `inputText`, Cohere R `message`) become one
 * user message. Only called when content capture is on.
 */

/** Message content in either dialect. */
export function invokeParts(content: unknown): unknown[] {
  const blocks = asArray(content);
  if (!blocks) return converseParts(content);
  return blocks.flatMap((item) => {
    const block = asObject(item);
    if (!block) return [];
    return typeof block.type === 'string' ? [anthropicBlockPart(block)] : converseParts([block]);
  });
}

function userText(text: unknown): unknown[] | undefined {
  return typeof text === 'string' ? [textMessage('user', text)] : undefined;
}

function toolDefinitions(body: JsonObject): unknown[] | undefined {
  const nova = converseToolDefinitions(asObject(body.toolConfig)?.tools);
  if (nova) return nova;
  const out: unknown[] = [];
  for (const item of asArray(body.tools) ?? []) {
    const tool = asObject(item);
    if (tool) out.push({ type: 'function', name: tool.name, description: tool.description, parameters: tool.input_schema ?? tool.parameters });
  }
  return out.length > 0 ? out : undefined;
}

export function invokeInputContent(body: JsonObject): RequestContent {
  const messages = asArray(body.messages);
  const inputMessages = messages
    ? messages.map((item) => {
        const message = asObject(item) ?? {};
        return { role: asString(message.role) ?? 'user', parts: invokeParts(message.content) };
      })
    : (userText(body.prompt) ?? userText(body.inputText) ?? userText(body.message));
  return definedOnly({
    inputMessages,
    systemInstructions: converseSystemInstructions(body.system) ?? (typeof body.preamble === 'string' ? [{ type: 'text', content: body.preamble }] : undefined),
    toolDefinitions: toolDefinitions(body),
  });
}
