import { guarded, reportOnce } from '../diagnostics/report-once.js';
import type { RequestBodyPrefix } from './request-body-prefix.js';
import type { TrackedRequest } from './tracked-request.js';

/**
 * Per-request hooks on an undici request object (the one `undici:request:create` publishes), the
 * body counterpart of the channels. Whether body chunks are published on a channel depends on the
 * undici that made the request, not on Node's: undici 6 (Node 22's, or the npm package loaded on
 * Node 24, which then may own the global dispatcher) publishes none. Every undici from 6 to 8
 * calls the request's own methods for each chunk, whatever dispatcher or API made it (fetch,
 * `request`, a `Client`, a user's Agent), so these hooks decide per request. Each observes and then
 * calls the original with the same arguments; the app's bytes and results are unchanged.
 *
 * Methods (undici lib/core/request.js): `onBodySent(chunk)` and `onRequestSent()` for the request
 * body (6-8), `onData(chunk)` (6, 7) or `onResponseData(chunk)` (8) for the response body.
 */

type Method = (...args: unknown[]) => unknown;

function wrap(target: Record<string, unknown>, name: string, kind: string, see: (args: unknown[]) => void): boolean {
  const original = target[name];
  if (typeof original !== 'function') return false;
  target[name] = function observed(this: unknown, ...args: unknown[]) {
    guarded(kind, () => see(args));
    return (original as Method).apply(this, args);
  };
  return true;
}

/** Observes each response body chunk; false when this request has neither method (an unknown undici). */
export function observeResponseBody(request: object, tracked: TrackedRequest): boolean {
  const target = request as Record<string, unknown>;
  const name = typeof target.onResponseData === 'function' ? 'onResponseData' : 'onData';
  const original = target[name];
  if (typeof original !== 'function') return false;
  // Not through wrap(): this runs for every chunk of every traced response, and wrap() makes a
  // closure and an argument array for each call.
  target[name] = function observedChunk(this: unknown, chunk: unknown) {
    try {
      if (chunk instanceof Uint8Array) tracked.onBodyChunk(chunk);
    } catch (error) {
      reportOnce('observing an undici response chunk', error);
    }
    // eslint-disable-next-line prefer-rest-params -- the original gets exactly the arguments undici passed
    return (original as Method).apply(this, arguments as unknown as unknown[]);
  };
  return true;
}

/** Copies the request body's first bytes into `prefix` as undici sends them. */
export function observeRequestBody(request: object, prefix: RequestBodyPrefix): void {
  const target = request as Record<string, unknown>;
  wrap(target, 'onBodySent', 'observing an undici request chunk', ([chunk]) => prefix.push(chunk));
  wrap(target, 'onRequestSent', 'observing an undici request end', () => prefix.end());
}
