import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

import type { CompletionCollector } from '../plugins/completion-collector.js';

export type RelayOutcome = 'complete' | 'client_gone' | 'upstream_error';

/** Response headers of the backend that describe the body and are passed on; length and encoding are the relay's own. */
const PASSED_HEADERS = ['content-type', 'cache-control', 'openai-processing-ms', 'x-ratelimit-limit-requests', 'x-ratelimit-remaining-requests'];

/**
 * Passes the backend's response to the client as it arrives: each chunk is written as soon as it is
 * read (never the whole body first), with backpressure (a slow client slows the read, so memory
 * stays bounded), byte for byte. When the client goes away the read is cancelled, which cancels
 * the upstream request; when the backend fails mid-body the client's connection is cut rather than
 * ended cleanly, so it cannot mistake a partial answer for a whole one.
 */
export async function relayResponse(
  upstream: Response,
  res: ServerResponse,
  headers: Record<string, string>,
  clientGone: AbortController,
  collector?: CompletionCollector,
): Promise<RelayOutcome> {
  const outgoing: Record<string, string> = { ...headers };
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) outgoing[name] = value;
  }
  res.writeHead(upstream.status, outgoing);
  // Headers go out now: a streaming client starts its clock (and its UI) at the first byte.
  res.flushHeaders();
  if (!upstream.body) {
    res.end();
    return 'complete';
  }
  const reader = upstream.body.getReader();
  const onClientGone = () => void reader.cancel().catch(() => undefined);
  clientGone.signal.addEventListener('abort', onClientGone, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      collector?.push(value);
      if (!res.write(value)) await once(res, 'drain', { signal: clientGone.signal });
    }
    res.end();
    return 'complete';
  } catch {
    if (clientGone.signal.aborted) return 'client_gone';
    res.destroy();
    return 'upstream_error';
  } finally {
    clientGone.signal.removeEventListener('abort', onClientGone);
  }
}
