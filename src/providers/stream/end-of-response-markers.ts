/**
 * The markers with which providers close a streamed response. Once one has arrived, the response
 * is whole: if the client then cancels the body instead of reading its last bytes (SDKs that stop
 * at the sentinel do), or the connection drops, the call still succeeded and its span must say so.
 */

/** SSE: OpenAI-style `data: [DONE]`, and the named events that end a stream. */
export const SSE_DONE_DATA = '[DONE]';
export const SSE_TERMINAL_EVENTS: ReadonlySet<string> = new Set([
  'message_stop', // Anthropic Messages
  'message-end', // Cohere v2 chat
  'response.completed', // OpenAI Responses API
  'response.incomplete',
  'response.failed',
  'thread.run.completed', // OpenAI Assistants runs (then `done`)
  'done',
]);

/** NDJSON: the last line of an Ollama stream has `done: true`; Cohere v1 ends with `is_finished: true`. */
export function isTerminalNdjsonLine(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as { done?: unknown; is_finished?: unknown };
  return line.done === true || line.is_finished === true;
}
