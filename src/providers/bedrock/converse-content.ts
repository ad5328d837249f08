import { asArray, asObject, asString, dig } from '../json-fields.js';

/**
 * Converse content blocks -> the GenAI conventions' message parts. Only called when content
 * capture is on. Binary blocks (image, document, video) are named by type, never copied.
 * Shapes: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html
 */

function blockPart(item: unknown): unknown | undefined {
  const block = asObject(item);
  if (!block) return undefined;
  if (typeof block.text === 'string') return { type: 'text', content: block.text };
  const guarded = asString(dig(block, 'guardContent', 'text', 'text'));
  if (guarded !== undefined) return { type: 'text', content: guarded };
  const toolUse = asObject(block.toolUse);
  if (toolUse) return { type: 'tool_call', id: asString(toolUse.toolUseId), name: asString(toolUse.name), arguments: toolUse.input };
  const toolResult = asObject(block.toolResult);
  if (toolResult) return { type: 'tool_call_response', id: asString(toolResult.toolUseId), response: toolResult.content };
  const reasoning = asString(dig(block, 'reasoningContent', 'reasoningText', 'text'));
  if (reasoning !== undefined) return { type: 'reasoning', content: reasoning };
  const kind = Object.keys(block)[0];
  return kind ? { type: kind } : undefined;
}

export function converseParts(content: unknown): unknown[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  return (asArray(content) ?? []).map(blockPart).filter((p) => p !== undefined);
}

/** `messages` of Converse (and of Nova's model-native body, which has the same shape). */
export function converseInputMessages(messages: unknown): unknown[] | undefined {
  const list = asArray(messages);
  if (!list) return undefined;
  return list.map((item) => {
    const message = asObject(item) ?? {};
    return { role: asString(message.role) ?? 'user', parts: converseParts(message.content) };
  });
}

/** `system`: a list of `{ text }` blocks (Converse, Nova) or one string (Anthropic on invoke). */
export function converseSystemInstructions(system: unknown): unknown[] | undefined {
  if (typeof system === 'string') return [{ type: 'text', content: system }];
  const parts = converseParts(system);
  return parts.length > 0 ? parts : undefined;
}

/** `toolConfig.tools[].toolSpec` -> gen_ai.tool.definitions. */
export function converseToolDefinitions(tools: unknown): unknown[] | undefined {
  const out: unknown[] = [];
  for (const item of asArray(tools) ?? []) {
    const spec = asObject(asObject(item)?.toolSpec);
    if (spec) out.push({ type: 'function', name: spec.name, description: spec.description, parameters: dig(spec, 'inputSchema', 'json') });
  }
  return out.length > 0 ? out : undefined;
}

/** `output.message` of a Converse (or Nova invoke) response -> one output message. */
export function converseOutputMessage(message: unknown, finishReason: unknown): unknown {
  const m = asObject(message) ?? {};
  return { role: asString(m.role) ?? 'assistant', parts: converseParts(m.content), finish_reason: asString(finishReason) };
}
