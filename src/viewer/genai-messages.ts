/**
 * Reads the GenAI content attributes (`gen_ai.system_instructions`, `gen_ai.input.messages`,
 * `gen_ai.output.messages`, `gen_ai.tool.definitions`) in the conventions' JSON shape:
 * messages `{ role, parts: [{ type: 'text', content } | { type: 'tool_call', id, name,
 * arguments } | { type: 'tool_call_response', id, response } | ...], finish_reason? }`.
 * Tolerant: content cut to the capture limit may be invalid JSON, and then yields nothing.
 * Used by the server (tasks) and the web UI (transcript); no Node or DOM imports.
 */

export type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'tool_call'; id?: string; name: string; arguments: string }
  | { type: 'tool_call_response'; id?: string; response: string }
  | { type: 'other'; kind: string; content: string };

export interface ChatMessage {
  role: string;
  parts: MessagePart[];
  finishReason?: string;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value, null, 2);
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function partFrom(raw: unknown): MessagePart {
  if (typeof raw !== 'object' || raw === null) return { type: 'text', content: asText(raw) };
  const part = raw as Record<string, unknown>;
  switch (part.type) {
    case 'text':
    case 'reasoning':
      return part.type === 'text' ? { type: 'text', content: asText(part.content) } : { type: 'other', kind: 'reasoning', content: asText(part.content) };
    case 'tool_call':
      return { type: 'tool_call', id: typeof part.id === 'string' ? part.id : undefined, name: asText(part.name), arguments: asText(part.arguments) };
    case 'tool_call_response':
      return { type: 'tool_call_response', id: typeof part.id === 'string' ? part.id : undefined, response: asText(part.response ?? part.result) };
    default: {
      const { type, ...rest } = part;
      return { type: 'other', kind: asText(type ?? 'part'), content: asText(rest.content ?? rest.uri ?? rest) };
    }
  }
}

/** Messages of `gen_ai.input.messages` / `gen_ai.output.messages`; [] when absent or unreadable. */
export function parseMessages(value: unknown): ChatMessage[] {
  const parsed = parseJson(value);
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null)
    .map((m) => ({
      role: asText(m.role ?? 'unknown'),
      parts: Array.isArray(m.parts) ? m.parts.map(partFrom) : m.content !== undefined ? [partFrom({ type: 'text', content: m.content })] : [],
      ...(typeof m.finish_reason === 'string' ? { finishReason: m.finish_reason } : {}),
    }));
}

/** `gen_ai.system_instructions` (an array of parts) as one system message, or undefined. */
export function parseSystemInstructions(value: unknown): ChatMessage | undefined {
  const parsed = parseJson(value);
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  return { role: 'system', parts: parsed.map(partFrom) };
}

/** Names of the tools in `gen_ai.tool.definitions`. */
export function toolNames(value: unknown): string[] {
  const parsed = parseJson(value);
  if (!Array.isArray(parsed)) return [];
  return parsed
    .map((tool) => {
      if (typeof tool !== 'object' || tool === null) return '';
      const t = tool as Record<string, unknown>;
      const fn = t.function as Record<string, unknown> | undefined;
      return asText(t.name ?? fn?.name ?? '');
    })
    .filter(Boolean);
}
