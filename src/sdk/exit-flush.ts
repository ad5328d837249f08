import { diag } from '@opentelemetry/api';
import { endedSpans } from './create-span-processors.js';
import { spansSentInBackground } from './background-exporters.js';
import type { TracingHandle } from './start-tracing.js';

/**
 * Sends what is still queued when the app is done, within one exit budget. The batch processor's
 * timer and the export thread are unref'd (they must not keep an app alive; off-thread-span-exporter.ts),
 * so without this the last spans of a short-lived app are lost; and without a budget a black-holed
 * collector would hold the process for one export timeout per batch.
 *
 * - `beforeExit` (the event loop ran dry): flush. The first one starts the budget; when it runs
 *   out with exports still pending, one line says how many spans were not sent and the process
 *   exits with the code it had. Nothing queued means nothing scheduled and the process exits at
 *   once; the listener stays, so an app that works on after `beforeExit` is flushed again.
 * - SIGTERM/SIGINT with no handler of the app's: flush within the budget, then raise the signal
 *   again so the process ends the way it would have without us.
 * `process.exit()` called by the app skips both (Node runs no async work then); spans still in the
 * queue at that moment are lost.
 */
export function flushOnExit(handle: TracingHandle, budgetMs: number): void {
  let deadline: number | undefined;
  let flushing = false;
  const remaining = () => {
    deadline ??= Date.now() + budgetMs;
    return Math.max(0, deadline - Date.now());
  };
  /** Resolves true when everything was sent in time, false when the budget ran out first. */
  const flushWithinBudget = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<boolean>((resolve) => {
      // Ref'd: exports run on an unref'd thread, so this is what keeps the process for the budget.
      timer = setTimeout(() => resolve(false), remaining());
    });
    const flushed = handle.forceFlush().then(() => true, () => true);
    const inTime = await Promise.race([flushed, outOfTime]);
    clearTimeout(timer);
    // Sent in time: the app may work on and end again later, with a budget of its own.
    if (inTime) deadline = undefined;
    return inTime;
  };
  const reportUnsent = () => {
    const unsent = Math.max(0, endedSpans.ended - spansSentInBackground());
    diag.warn(`llm-otel: exit budget of ${budgetMs} ms used up; ${unsent} span(s) not sent (collector slow or unreachable)`);
  };

  process.on('beforeExit', () => {
    if (flushing) return;
    flushing = true;
    void flushWithinBudget().then((inTime) => {
      flushing = false;
      if (inTime) return;
      reportUnsent();
      // The app is done (its event loop had run dry); only our exports hold the process now.
      process.exit();
    });
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = () => {
      process.removeListener(signal, onSignal);
      void flushWithinBudget().then((inTime) => {
        if (!inTime) reportUnsent();
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    };
    process.on(signal, onSignal);
  }
}
