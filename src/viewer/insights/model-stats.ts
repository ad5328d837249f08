import type { ModelBucket, ModelRow, ModelsAnswer } from '../api-types.js';
import type { LlmCallRow } from '../store/store-types.js';

/** Nearest-rank percentile of sorted values, or null when there are none. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const ascending = (a: number, b: number): number => a - b;

interface Accumulator {
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  durations: number[];
  ttfts: number[];
}

function accumulator(): Accumulator {
  return { calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, durations: [], ttfts: [] };
}

function add(acc: Accumulator, call: LlmCallRow): void {
  acc.calls += 1;
  acc.errors += call.isError ? 1 : 0;
  acc.inputTokens += call.inputTokens ?? 0;
  acc.outputTokens += call.outputTokens ?? 0;
  acc.costUsd += call.costUsd ?? 0;
  acc.durations.push(call.durationMs);
  if (call.timeToFirstChunkS !== null) acc.ttfts.push(call.timeToFirstChunkS * 1000);
}

/**
 * Per model and service: calls, tokens, cost, errors and duration/TTFT percentiles over the
 * range; and per model a time series in `bucketCount` equal buckets, for the charts.
 */
export function modelStats(calls: LlmCallRow[], startMs: number, endMs: number, bucketCount: number): Omit<ModelsAnswer, 'metrics'> {
  const bucketMs = Math.max(1, Math.ceil((endMs - startMs) / bucketCount));
  const rows = new Map<string, { model: string; service: string; acc: Accumulator }>();
  const buckets = new Map<string, Accumulator[]>();
  for (const call of calls) {
    const rowKey = `${call.model}\u0000${call.service}`;
    let row = rows.get(rowKey);
    if (!row) rows.set(rowKey, (row = { model: call.model, service: call.service, acc: accumulator() }));
    add(row.acc, call);
    let series = buckets.get(call.model);
    if (!series) buckets.set(call.model, (series = Array.from({ length: bucketCount }, accumulator)));
    const index = Math.min(bucketCount - 1, Math.max(0, Math.floor((call.startMs - startMs) / bucketMs)));
    add(series[index]!, call);
  }
  const modelRows: ModelRow[] = [...rows.values()]
    .map(({ model, service, acc }) => {
      const durations = acc.durations.sort(ascending);
      const ttfts = acc.ttfts.sort(ascending);
      return {
        model,
        service,
        calls: acc.calls,
        errors: acc.errors,
        inputTokens: acc.inputTokens,
        outputTokens: acc.outputTokens,
        costUsd: acc.costUsd,
        durationP50Ms: percentile(durations, 50),
        durationP95Ms: percentile(durations, 95),
        ttftP50Ms: percentile(ttfts, 50),
        ttftP95Ms: percentile(ttfts, 95),
      };
    })
    .sort((a, b) => b.calls - a.calls || a.model.localeCompare(b.model));
  const series: Record<string, ModelBucket[]> = {};
  for (const [model, accs] of buckets) {
    series[model] = accs.map((acc, index) => {
      const durations = acc.durations.sort(ascending);
      return {
        startMs: startMs + index * bucketMs,
        calls: acc.calls,
        errors: acc.errors,
        tokens: acc.inputTokens + acc.outputTokens,
        costUsd: acc.costUsd,
        durationP50Ms: percentile(durations, 50),
        durationP95Ms: percentile(durations, 95),
        ttftP95Ms: percentile(acc.ttfts.sort(ascending), 95),
      };
    });
  }
  return { startMs, endMs, bucketMs, rows: modelRows, series };
}
