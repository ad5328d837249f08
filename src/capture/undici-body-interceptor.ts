import { context } from '@opentelemetry/api';
import { EXCHANGE_CONTEXT_KEY } from './exchange-context-key.js';
import { guarded } from '../diagnostics/report-once.js';
import { replaceGlobal } from './replace-global.js';
import type { TrackedRequest } from './tracked-request.js';

/**
 * Node 22 ships undici 6, which publishes no diagnostics message per response body chunk. An
 * interceptor composed onto the global dispatcher sees each chunk in its handler's `onData` and
 * passes it on untouched. It only acts inside a fetch that our wrapper started (the exchange is in
 * the async context); every other request goes straight through.
 *
 * Limits: an app that installs its own dispatcher (globally, or per request with `dispatcher:`)
 * bypasses this; its LLM spans then carry status and timing but no response facts.
 */

/** undici's global-dispatcher slot, shared by Node's bundled undici and the npm package. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

interface LegacyHandler {
  onData?(chunk: Buffer): boolean | undefined;
  [method: string]: unknown;
}

interface Dispatcher {
  dispatch(options: unknown, handler: LegacyHandler): boolean;
  compose?(interceptor: (dispatch: Dispatcher['dispatch']) => Dispatcher['dispatch']): Dispatcher;
}

/** Forwards every handler method to the original handler, observing `onData` on the way. */
function observingHandler(handler: LegacyHandler, tracked: TrackedRequest): LegacyHandler {
  const wrapper: LegacyHandler = {};
  for (let proto: object | null = handler; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (handler as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof value !== 'function' || name in wrapper) continue;
      wrapper[name] = (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(handler, args);
    }
  }
  const onData = handler.onData;
  if (typeof onData === 'function') {
    wrapper.onData = (chunk: Buffer) => {
      guarded('observing a fetch body chunk', () => tracked.onBodyChunk(chunk));
      return onData.call(handler, chunk);
    };
  }
  return wrapper;
}

/** Installs the interceptor; returns a function that puts the previous dispatcher back. */
export function installUndiciBodyInterceptor(): (() => void) | undefined {
  return guarded('installing the undici body interceptor', () => {
    // Node loads its bundled undici (which creates the global dispatcher) on first use of a
    // fetch class; touching Response does that without making a request.
    void new Response('');
    const slots = globalThis as unknown as Record<symbol, Dispatcher | undefined>;
    const original = slots[GLOBAL_DISPATCHER];
    if (!original || typeof original.compose !== 'function') return undefined;
    const composed = original.compose((dispatch) => (options, handler) => {
      const tracked = context.active().getValue(EXCHANGE_CONTEXT_KEY) as TrackedRequest | undefined;
      return dispatch(options, tracked ? observingHandler(handler, tracked) : handler);
    });
    return replaceGlobal(slots, GLOBAL_DISPATCHER, composed);
  });
}
