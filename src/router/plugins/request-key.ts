import { createHash } from 'node:crypto';

import type { ChatRequest } from '../http/chat-request.js';
import { queryText } from '../http/chat-request.js';

/**
 * Cache keys of a chat request, as sha256 hex (never the text, which would put the prompt in the
 * span and in memory dumps twice). Normalised: object keys sorted, strings trimmed with inner
 * whitespace collapsed, and the fields that do not change the answer (`stream`, `stream_options`,
 * `user`) left out, so a streamed and a plain request share an entry.
 * - `exact`: the whole request for the selected model.
 * - `context`: the same without the last user message, so similarity is only ever measured between
 *   requests that differ in nothing but the question.
 */
export interface RequestKeys {
  readonly exact: string;
  readonly context: string;
  readonly query: string;
}

const IGNORED_FIELDS = new Set(['stream', 'stream_options', 'user']);

export function requestKeys(request: ChatRequest, selectedModel: string): RequestKeys {
  const fields = Object.fromEntries(Object.entries(request.body).filter(([key]) => !IGNORED_FIELDS.has(key)));
  const normalised = { ...fields, model: selectedModel };
  const lastUser = findLastUser(request);
  const withoutQuery = {
    ...normalised,
    messages: request.messages.map((m, i) => (i === lastUser ? { role: m.role, content: '' } : m)),
  };
  return { exact: sha256(canonical(normalised)), context: sha256(canonical(withoutQuery)), query: queryText(request) };
}

function findLastUser(request: ChatRequest): number {
  for (let i = request.messages.length - 1; i >= 0; i -= 1) if (request.messages[i]!.role === 'user') return i;
  return -1;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with sorted keys and normalised whitespace. */
function canonical(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.trim().replace(/\s+/g, ' '));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
