/** Bounds of the store; the oldest traces (by start time) are dropped first when one is passed. */
export interface StoreLimits {
  /** Most traces kept. */
  maxTraces: number;
  /** Most bytes of span data kept (attributes, events, resource as stored; indexes come on top). */
  maxBytes: number;
  /** Traces that started longer ago than this are dropped. */
  maxAgeMs: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  maxTraces: 10_000,
  maxBytes: 256 * 1024 * 1024,
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
};

/** One row of the trace list. Times in milliseconds since the epoch, durations in ms. */
export interface TraceSummary {
  traceId: string;
  startMs: number;
  durationMs: number;
  /** The root span's service and name, else those of the earliest span received. */
  service: string;
  rootName: string;
  /** False while the root span has not arrived. */
  hasRoot: boolean;
  spanCount: number;
  errorCount: number;
  llmCount: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}

export interface TraceListFilter {
  service?: string;
  model?: string;
  provider?: string;
  status?: 'error' | 'ok';
  user?: string;
  session?: string;
  /** `key=value` matches that attribute; a bare word matches a trace tag (`llm_otel.tags`). */
  tag?: string;
  startMs?: number;
  endMs?: number;
  /** Matched against trace id, span names and short attribute values. */
  text?: string;
  limit?: number;
}

/** What the Jaeger query API searches by (see jaeger-api.ts for the parameter mapping). */
export interface SpanSearch {
  service?: string;
  operation?: string;
  tags: Record<string, string>;
  startNs?: bigint;
  endNs?: bigint;
  minDurationNs?: bigint;
  maxDurationNs?: bigint;
  limit: number;
}

/** One LLM call as the models and tasks pages read it. */
export interface LlmCallRow {
  traceId: string;
  spanId: string;
  name: string;
  service: string;
  model: string;
  provider: string | null;
  startMs: number;
  durationMs: number;
  isError: boolean;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  timeToFirstChunkS: number | null;
}

export interface StoreStats {
  traces: number;
  spans: number;
  bytes: number;
  limits: StoreLimits;
  /** File path, or ':memory:'. */
  location: string;
}
