/**
 * The viewer's own JSON API (under /api/llm-otel/), shared by the server and the web UI.
 * Times are milliseconds since the epoch unless a name says otherwise.
 */
import type { ReceivedAttributes } from './received-telemetry.js';
import type { TraceSummary } from './store/store-types.js';

export type { TraceSummary } from './store/store-types.js';

export interface Facets {
  services: string[];
  models: string[];
  providers: string[];
}

export interface TraceListAnswer {
  traces: TraceSummary[];
}

export interface ViewSpanEvent {
  name: string;
  timeUs: number;
  attributes: ReceivedAttributes;
}

export interface ViewSpan {
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind number. */
  kind: number;
  service: string;
  startUs: number;
  durationUs: number;
  status: { code: number; message?: string };
  attributes: ReceivedAttributes;
  events: ViewSpanEvent[];
  resource: ReceivedAttributes;
  scope: { name: string; version?: string };
}

export interface TraceAnswer {
  summary: TraceSummary;
  spans: ViewSpan[];
}

export interface ModelRow {
  model: string;
  service: string;
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  durationP50Ms: number | null;
  durationP95Ms: number | null;
  ttftP50Ms: number | null;
  ttftP95Ms: number | null;
}

export interface ModelBucket {
  startMs: number;
  calls: number;
  errors: number;
  tokens: number;
  costUsd: number;
  durationP50Ms: number | null;
  durationP95Ms: number | null;
  ttftP95Ms: number | null;
}

export interface ModelsAnswer {
  startMs: number;
  endMs: number;
  bucketMs: number;
  rows: ModelRow[];
  /** Per model: one bucket per `bucketMs`, oldest first. */
  series: Record<string, ModelBucket[]>;
  /** Metric streams received over OTLP (names and point counts). */
  metrics: Array<{ name: string; service: string; points: number }>;
}

/** A piece of a prompt template: literal text, or a variable part (numbered from 1). */
export type TemplatePart = { text: string } | { variable: number };

export interface PromptTask {
  /** 'content' when grouped by captured messages, 'shape' when by span name, model and tools. */
  basis: 'content' | 'shape';
  /** Per message of the template: its role and parts. */
  template: Array<{ role: string; parts: TemplatePart[] }>;
  /** For 'shape' tasks: what the group shares. */
  label: string;
  calls: number;
  models: string[];
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** A few example calls, to open. */
  examples: Array<{ traceId: string; spanId: string }>;
}

export interface TasksAnswer {
  tasks: PromptTask[];
  /** How many of the newest LLM calls were grouped. */
  callsConsidered: number;
}

export interface StatsAnswer {
  traces: number;
  spans: number;
  bytes: number;
  location: string;
  limits: { maxTraces: number; maxBytes: number; maxAgeMs: number };
}
