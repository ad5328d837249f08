import { preloadPriceTable } from '../cost/llm-call-cost.js';
import { guarded } from '../diagnostics/report-once.js';
import { preloadBackgroundExporters } from './background-exporters.js';
import { setupDiag } from './setup-diag.js';
import { startFromEnvironment } from './start-from-environment.js';

/**
 * After this long the exporter modules and the price table are loaded, off the path to the app's
 * first line (they cost 100-300 ms of CPU). A span that ends before still gets its cost, and a
 * batch sent before waits for its exporter: nothing is lost, it only moves.
 */
const PRELOAD_AFTER_MS = 50;

/**
 * What register does when the environment leaves tracing on. What it returns settles once the
 * non-LLM HTTP instrumentations (only with `trace_non_llm_requests`) are loaded: register awaits
 * it, so they are in place before the app's first line.
 */
export async function registerTracing(): Promise<void> {
  setupDiag();
  const handle = await startFromEnvironment();
  if (!handle.enabled) return;
  const timer = setTimeout(() => {
    guarded('loading the exporters', () => void preloadBackgroundExporters());
    guarded('loading the price table', preloadPriceTable);
  }, PRELOAD_AFTER_MS);
  // An app that is done before then must not be held up by our preloading.
  timer.unref();
  await handle.instrumentation?.nonLlmReady;
}
