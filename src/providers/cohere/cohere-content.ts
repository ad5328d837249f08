import { asArray, asObject, asString } from '../json-fields.js';
import { textMessage } from '../content-parts.js';
import { toolCallArguments } from '../content-parts.js';

/**
 * Cohere v1 chat and generate shapes -> the GenAI conventions' message shape. Only called when
 * content capture is on. (v2 chat uses the OpenAI shapes and goes through openai-content.)
 */

const V1_ROLES: Readonly<Record<string, string>> = { USER: 'user', CHATBOT: 'assistant', SYSTEM: 'system', TOOL: 'tool' };

function v1ToolCallParts(toolCalls: unknown): unknown[] {
  return (asArray(toolCalls) ?? []).flatMap((item) => {
    const call = asObject(item);
    return call ? [{ type: 'tool_call', name: asString(call.name), arguments: call.parameters }] : [];
  });
}

/** v1 `tool_results`: [{ call: { name, parameters }, outputs: [...] }]. */
function v1ToolResultParts(toolResults: unknown): unknown[] {
  return (asArray(toolResults) ?? []).flatMap((item) => {
    const result = asObject(item);
    if (!result) return [];
    return [{ type: 'tool_call_response', name: asString(asObject(result.call)?.name), response: result.outputs }];
  });
}

/** v1 `chat_history` (roles USER/CHATBOT/SYSTEM/TOOL), then the new `message` or tool results. */
export function v1ChatInputMessages(history: unknown[] | undefined, message: unknown, toolResults: unknown): unknown[] {
  const out: unknown[] = [];
  for (const item of history ?? []) {
    const entry = asObject(item);
    if (!entry) continue;
    const rawRole = asString(entry.role) ?? 'USER';
    const role = V1_ROLES[rawRole.toUpperCase()] ?? rawRole.toLowerCase();
    const text = asString(entry.message);
    const parts: unknown[] = text ? [{ type: 'text', content: text }] : [];
    parts.push(...v1ToolCallParts(entry.tool_calls), ...v1ToolResultParts(entry.tool_results));
    out.push({ role, parts });
  }
  const results = v1ToolResultParts(toolResults);
  if (results.length > 0) out.push({ role: 'tool', parts: results });
  const text = asString(message);
  if (text) out.push(textMessage('user', text));
  return out;
}

/** v1 tools: [{ name, description, parameter_definitions }]. */
export function v1ToolDefinitions(tools: unknown): unknown[] | undefined {
  const out = (asArray(tools) ?? []).flatMap((item) => {
    const tool = asObject(item);
    return tool
      ? [{ type: 'function', name: tool.name, description: tool.description, parameters: tool.parameter_definitions }]
      : [];
  });
  return out.length > 0 ? out : undefined;
}

/** A v1 chat response (or stream-end `response`) -> one output message. */
export function v1ChatOutputMessage(body: Record<string, unknown>): unknown {
  const text = asString(body.text);
  const parts: unknown[] = text ? [{ type: 'text', content: text }] : [];
  parts.push(...v1ToolCallParts(body.tool_calls));
  return { role: 'assistant', parts, finish_reason: asString(body.finish_reason) };
}

/** v2 `message.content` / `tool_plan` / `tool_calls` -> output message parts. */
export function v2OutputParts(message: Record<string, unknown>): unknown[] {
  const parts: unknown[] = [];
  const plan = asString(message.tool_plan);
  if (plan) parts.push({ type: 'reasoning', content: plan });
  for (const item of asArray(message.content) ?? []) {
    const block = asObject(item);
    const text = asString(block?.text);
    if (block && asString(block.type) === 'text' && text !== undefined) parts.push({ type: 'text', content: text });
    else if (asString(block?.type) === 'thinking') parts.push({ type: 'reasoning', content: asString(block?.thinking) ?? '' });
  }
  for (const item of asArray(message.tool_calls) ?? []) {
    const call = asObject(item);
    const fn = asObject(call?.function);
    if (!call || !fn) continue;
    parts.push({ type: 'tool_call', id: asString(call.id), name: asString(fn.name), arguments: toolCallArguments(fn.arguments) });
  }
  return parts;
}
