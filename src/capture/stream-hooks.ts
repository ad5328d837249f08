import { guarded } from '../diagnostics/report-once.js';
import type { TrackedRequest } from './tracked-request.js';

/**
 * Instance-level hooks on the streams of node:http and node:http2, the two transports whose body
 * bytes pass through stream methods rather than diagnostics channels. Each hook observes and then
 * calls the original with the same arguments, so the app's bytes and results are unchanged (the
 * decorator shape of undici's lib/handler wrappers). None adds listeners: an `error` listener of
 * ours would change whether an unhandled error crashes the app.
 */

interface WritableRequest {
  write: (...args: never[]) => unknown;
  end: (...args: never[]) => unknown;
}

interface PushingStream {
  push: (...args: never[]) => unknown;
  readonly destroyed: boolean;
}

/**
 * Calls `see` once, with the first chunk written or ended (the JSON body of an SDK call) and its
 * encoding when one was given, and then puts the original `write` and `end` back.
 */
export function onFirstBodyWrite(
  stream: WritableRequest,
  kind: string,
  see: (chunk: unknown, encoding: string | undefined) => void,
): void {
  const originalWrite = stream.write as (...a: unknown[]) => unknown;
  const originalEnd = stream.end as (...a: unknown[]) => unknown;
  let seen = false;
  const first = (chunk: unknown, encoding: unknown) => {
    if (seen) return;
    seen = true;
    stream.write = originalWrite;
    stream.end = originalEnd;
    guarded(kind, () => see(chunk, typeof encoding === 'string' ? encoding : undefined));
  };
  stream.write = function write(this: unknown, chunk: unknown, ...rest: unknown[]) {
    first(chunk, rest[0]);
    return originalWrite.call(this, chunk, ...rest);
  };
  stream.end = function end(this: unknown, chunk?: unknown, ...rest: unknown[]) {
    first(typeof chunk === 'function' ? undefined : chunk, rest[0]);
    return originalEnd.call(this, chunk, ...rest);
  };
}

/**
 * Observes the stream's `push`, where the transport's read path hands over each body chunk,
 * whether or not (and however) the app reads, without switching the stream's mode. `push(null)`
 * is the body's end; with `destroyedNullIsNotEnd` a destroyed stream's `null` (an http2 abort or
 * error) is left to the error or close that follows.
 */
export function observeBodyPush(
  stream: PushingStream,
  tracked: TrackedRequest,
  kind: string,
  destroyedNullIsNotEnd = false,
): void {
  const originalPush = stream.push as (...a: unknown[]) => unknown;
  stream.push = function push(this: PushingStream, chunk: unknown, ...rest: unknown[]) {
    guarded(kind, () => {
      if (chunk === null) {
        if (!(destroyedNullIsNotEnd && this.destroyed)) tracked.onEnd();
      } else if (chunk instanceof Uint8Array) tracked.onBodyChunk(chunk);
      else if (typeof chunk === 'string') tracked.onBodyChunk(Buffer.from(chunk));
    });
    return originalPush.call(this, chunk, ...rest);
  };
}

/** The error a span ends with when its request or response closed before the body's end. */
export function abortedError(message: string): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}
