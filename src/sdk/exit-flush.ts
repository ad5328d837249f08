import type { TracingHandle } from './start-tracing.js';

/**
 * Sends what is still queued when the app is done. The batch processor's timer is unref'd (it
 * must not keep an app alive), so without this the last spans of a short-lived app are lost.
 *
 * - `beforeExit` (the event loop ran dry): flush. An export keeps the loop alive only until it
 *   settles or the exporter's deadline (`exporter.timeout_ms`) passes, so a down or black-holed
 *   collector delays exit by at most that. Nothing queued means nothing scheduled, and the process
 *   exits at once; the listener stays, so an app that works on after `beforeExit` is flushed again.
 * - SIGTERM/SIGINT: flush within the same limit, then, if nobody else handles the signal, raise it
 *   again so the process ends the way it would have without us.
 * `process.exit()` called by the app skips both (Node runs no async work then); spans still in the
 * queue at that moment are lost.
 */
export function flushOnExit(handle: TracingHandle, limitMs: number): void {
  let flushing = false;
  const flushWithin = async () => {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, limitMs);
      timer.unref();
    });
    await Promise.race([handle.forceFlush().catch(() => {}), limit]);
    clearTimeout(timer);
  };
  process.on('beforeExit', () => {
    if (flushing) return;
    flushing = true;
    void flushWithin().finally(() => (flushing = false));
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = () => {
      process.removeListener(signal, onSignal);
      void flushWithin().then(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    };
    process.on(signal, onSignal);
  }
}
