import { asArray, asObject, asString } from '../json-fields.js';

/**
 * Ollama chat shapes -> the GenAI conventions' message shape. Only called when content capture
 * is on. Ollama tool calls carry `arguments` as an object and no id; a tool result names the
 * tool (`tool_name`) rather than a call id. Images (base64 in `images`) are left out: they are
 * binary payloads, not conversation text.
 */

export function ollamaToolCallParts(toolCalls: unknown): unknown[] {
  return (asArray(toolCalls) ?? []).flatMap((item) => {
    const fn = asObject(asObject(item)?.function);
    return fn ? [{ type: 'tool_call', name: asString(fn.name), arguments: fn.arguments }] : [];
  });
}

/** One chat `message` (request history or response) -> parts. */
export function ollamaMessageParts(message: Record<string, unknown>): unknown[] {
  const parts: unknown[] = [];
  const thinking = asString(message.thinking);
  if (thinking) parts.push({ type: 'reasoning', content: thinking });
  const content = asString(message.content);
  if (content) parts.push({ type: 'text', content });
  parts.push(...ollamaToolCallParts(message.tool_calls));
  return parts;
}

export function ollamaInputMessages(messages: unknown[] | undefined): unknown[] {
  const out: unknown[] = [];
  for (const item of messages ?? []) {
    const message = asObject(item);
    if (!message) continue;
    const role = asString(message.role) ?? 'user';
    if (role === 'tool') {
      out.push({
        role,
        parts: [{ type: 'tool_call_response', name: asString(message.tool_name), response: message.content }],
      });
    } else {
      out.push({ role, parts: ollamaMessageParts(message) });
    }
  }
  return out;
}

/** Ollama `tools` use the OpenAI function shape. */
export function ollamaToolDefinitions(tools: unknown): unknown[] | undefined {
  const out = (asArray(tools) ?? []).flatMap((item) => {
    const tool = asObject(item);
    const fn = asObject(tool?.function);
    return fn ? [{ type: asString(tool?.type) ?? 'function', name: fn.name, description: fn.description, parameters: fn.parameters }] : [];
  });
  return out.length > 0 ? out : undefined;
}
