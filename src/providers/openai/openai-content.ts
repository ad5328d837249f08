import { asArray, asObject, asString } from '../json-fields.js';
import { textMessage } from '../content-parts.js';
import { toolCallArguments } from '../content-parts.js';

/**
 * OpenAI wire messages -> the GenAI conventions' message shape
 * ({ role, parts: [{ type: 'text' | 'tool_call' | 'tool_call_response' | 'uri', ... }] }).
 * Only called when content capture is on.
 */

function contentParts(content: unknown): unknown[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  const parts: unknown[] = [];
  for (const item of asArray(content) ?? []) {
    const part = asObject(item);
    if (!part) continue;
    const type = asString(part.type);
    if (type === 'text' || type === 'input_text' || type === 'output_text') {
      parts.push({ type: 'text', content: asString(part.text) ?? '' });
    } else if (type === 'image_url' || type === 'input_image') {
      const url = asString(asObject(part.image_url)?.url) ?? asString(part.image_url) ?? asString(part.url);
      parts.push({ type: 'uri', modality: 'image', uri: url ?? '' });
    } else if (type === 'refusal') {
      parts.push({ type: 'refusal', content: asString(part.refusal) ?? '' });
    } else if (type) {
      parts.push({ type });
    }
  }
  return parts;
}

function toolCallParts(toolCalls: unknown): unknown[] {
  const parts: unknown[] = [];
  for (const item of asArray(toolCalls) ?? []) {
    const call = asObject(item);
    const fn = asObject(call?.function);
    if (!call || !fn) continue;
    parts.push({ type: 'tool_call', id: asString(call.id), name: asString(fn.name), arguments: toolCallArguments(fn.arguments) });
  }
  return parts;
}

/** Chat-completions `messages` -> gen_ai.input.messages. */
export function chatInputMessages(messages: unknown): unknown[] {
  const out: unknown[] = [];
  for (const item of asArray(messages) ?? []) {
    const message = asObject(item);
    if (!message) continue;
    const role = asString(message.role) ?? 'user';
    if (role === 'tool') {
      out.push({
        role: 'tool',
        parts: [{ type: 'tool_call_response', id: asString(message.tool_call_id), response: message.content }],
      });
      continue;
    }
    const parts = [...contentParts(message.content), ...toolCallParts(message.tool_calls)];
    const fnCall = asObject(message.function_call);
    if (fnCall) parts.push({ type: 'tool_call', name: asString(fnCall.name), arguments: toolCallArguments(fnCall.arguments) });
    out.push({ role, parts });
  }
  return out;
}

/** Chat-completions `tools` (or legacy `functions`) -> gen_ai.tool.definitions. */
export function toolDefinitions(tools: unknown, functions?: unknown): unknown[] | undefined {
  const out: unknown[] = [];
  for (const item of asArray(tools) ?? []) {
    const tool = asObject(item);
    if (!tool) continue;
    const fn = asObject(tool.function);
    out.push(
      fn
        ? { type: asString(tool.type) ?? 'function', name: fn.name, description: fn.description, parameters: fn.parameters }
        : tool,
    );
  }
  for (const item of asArray(functions) ?? []) {
    const fn = asObject(item);
    if (fn) out.push({ type: 'function', name: fn.name, description: fn.description, parameters: fn.parameters });
  }
  return out.length > 0 ? out : undefined;
}

/** One chat choice's `message` -> an output message. */
export function chatOutputMessage(message: unknown, finishReason: unknown): unknown {
  const m = asObject(message) ?? {};
  const parts = [...contentParts(m.content), ...toolCallParts(m.tool_calls)];
  if (typeof m.refusal === 'string') parts.push({ type: 'refusal', content: m.refusal });
  const fnCall = asObject(m.function_call);
  if (fnCall) parts.push({ type: 'tool_call', name: asString(fnCall.name), arguments: toolCallArguments(fnCall.arguments) });
  return { role: asString(m.role) ?? 'assistant', parts, finish_reason: finishReason ?? undefined };
}

/** Responses API `input` (a string or a list of items) -> gen_ai.input.messages. */
export function responsesInputMessages(input: unknown): unknown[] {
  if (typeof input === 'string') return [textMessage('user', input)];
  const out: unknown[] = [];
  for (const item of asArray(input) ?? []) {
    const entry = asObject(item);
    if (!entry) continue;
    const type = asString(entry.type);
    if (type === 'function_call') {
      out.push({
        role: 'assistant',
        parts: [{ type: 'tool_call', id: asString(entry.call_id), name: asString(entry.name), arguments: toolCallArguments(entry.arguments) }],
      });
    } else if (type === 'function_call_output') {
      out.push({ role: 'tool', parts: [{ type: 'tool_call_response', id: asString(entry.call_id), response: entry.output }] });
    } else {
      out.push({ role: asString(entry.role) ?? 'user', parts: contentParts(entry.content) });
    }
  }
  return out;
}

/** Responses API `output` items -> gen_ai.output.messages. */
export function responsesOutputMessages(output: unknown): unknown[] {
  const parts: unknown[] = [];
  for (const item of asArray(output) ?? []) {
    const entry = asObject(item);
    if (!entry) continue;
    const type = asString(entry.type);
    if (type === 'message') parts.push(...contentParts(entry.content));
    else if (type === 'function_call') {
      parts.push({ type: 'tool_call', id: asString(entry.call_id), name: asString(entry.name), arguments: toolCallArguments(entry.arguments) });
    }
  }
  return parts.length > 0 ? [{ role: 'assistant', parts }] : [];
}
