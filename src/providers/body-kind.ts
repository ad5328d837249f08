/** How a response body is framed, from its content type (and the request's stream flag). */
export type BodyKind = 'json' | 'sse' | 'ndjson' | 'aws-eventstream' | 'other';

export function bodyKindOf(contentType: string | undefined, requestedStream: boolean): BodyKind {
  const type = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type === 'text/event-stream') return 'sse';
  if (type === 'application/x-ndjson' || type === 'application/stream+json' || type === 'application/jsonl') return 'ndjson';
  if (type === 'application/vnd.amazon.eventstream') return 'aws-eventstream';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  // No content type at all (seen from Azure on a 404): a non-streamed call's body is JSON.
  if (type === '') return requestedStream ? 'sse' : 'json';
  return 'other';
}
