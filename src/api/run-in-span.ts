import { context, type Context } from '@opentelemetry/api';
import { reportOnce } from '../diagnostics/report-once.js';
import { NOOP_SPAN_HANDLE, type ManualSpanHandle } from './span-handle.js';
import type { SpanHandle } from './types.js';

/** A span that was started for `fn`, and the context `fn` runs in. */
export interface StartedManualSpan {
  readonly handle: ManualSpanHandle;
  readonly context: Context;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs `fn` inside a span that `start` opens, and ends the span when `fn` is done: on return, or
 * when the promise (any thenable) it returns settles. What `fn` returns is handed back as it is,
 * the same promise object included, so SDK promise subclasses keep their extra methods.
 *
 * Our faults never reach the app: if `start` fails, `fn` runs without a span; the span is ended
 * by handlers that cannot throw. Errors of `fn` are recorded and rethrown unchanged.
 */
export function runInSpan<T>(start: () => StartedManualSpan, fn: (handle: SpanHandle) => T): T {
  let started: StartedManualSpan;
  try {
    started = start();
  } catch (error) {
    reportOnce('starting a manual span', error);
    return fn(NOOP_SPAN_HANDLE);
  }
  const { handle } = started;
  let result: T;
  try {
    result = context.with(started.context, fn, undefined, handle);
  } catch (error) {
    handle.endWithError(error);
    throw error;
  }
  if (!isThenable(result)) {
    handle.end();
    return result;
  }
  try {
    // The derived promise always settles fulfilled (both handlers return), so observing a
    // rejection here never creates an unhandled rejection of our own.
    result.then(
      () => handle.end(),
      (error: unknown) => handle.endWithError(error),
    );
  } catch (error) {
    // A thenable whose `then` throws: we cannot tell when it ends; end the span now.
    reportOnce('watching a manual span result', error);
    handle.end();
  }
  return result;
}
