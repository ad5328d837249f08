import { workerData } from 'node:worker_threads';

/**
 * Set in the export thread's workerData. `--import llm-otel/register` given in NODE_OPTIONS is
 * preloaded in every worker, ours included: register must not trace (and start a thread from)
 * the thread that exports.
 */
export const EXPORT_THREAD_MARK = 'llmOtelExportThread';

export function isExportThread(): boolean {
  return (workerData as Record<string, unknown> | null | undefined)?.[EXPORT_THREAD_MARK] === true;
}
