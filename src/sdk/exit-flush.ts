import type { TracingHandle } from './start-tracing.js';

/**
 * Sends what is still queued when the app is done, within `limitMs`.
 *
 * - `beforeExit` (the event loop ran dry): flush; if a black-holed collector still holds the
 *   gRPC call when the limit passes, exit anyway with the app's exit code.
 * - SIGTERM/SIGINT: flush, then, if nobody else handles the signal, re-raise it so the process
 *   ends the way it would have without us.
 * `process.exit()` called by the app skips both (Node runs no async work then); spans still in
 * the queue at that moment are lost.
 */
export function flushOnExit(handle: TracingHandle, limitMs: number): void {
  let flushing = false;
  const flushWithin = async () => {
    const timer = new Promise<void>((resolve) => setTimeout(resolve, limitMs).unref());
    await Promise.race([handle.shutdown().catch(() => {}), timer]);
  };
  process.once('beforeExit', () => {
    if (flushing) return;
    flushing = true;
    const hardStop = setTimeout(() => process.exit(), limitMs + 100);
    void flushWithin().then(() => clearTimeout(hardStop));
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = () => {
      process.removeListener(signal, onSignal);
      if (flushing) return;
      flushing = true;
      void flushWithin().then(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    };
    process.on(signal, onSignal);
  }
}
