/**
 * The JSON the Jaeger query service answers its HTTP API with (`/api/services`,
 * `/api/services/{service}/operations`, `/api/traces`, `/api/traces/{id}`).
 *
 * Read from jaegertracing/jaeger: `internal/uimodel/model.go` (Trace, Span, Reference,
 * Process, Log, KeyValue and the value type names) and
 * `cmd/jaeger/internal/extension/jaegerquery/internal/http_handler.go` (the
 * `structuredResponse` envelope: data, total, limit, offset, errors), as of the commit
 * before 639eefe0, which removed the search endpoints from Jaeger itself in 2026 (Grafana's
 * Jaeger data source and older Jaeger UIs still call them); and from jaegertracing/jaeger-ui
 * `packages/jaeger-ui/src/types/trace.ts` (SpanData, TraceData) and `src/api/jaeger.ts` (the
 * URLs the UI calls). All times are microseconds since the epoch.
 */

export type JaegerValueType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

export interface JaegerKeyValue {
  key: string;
  type: JaegerValueType;
  value: string | number | boolean;
}

export interface JaegerReference {
  refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  traceID: string;
  spanID: string;
}

export interface JaegerLog {
  timestamp: number;
  fields: JaegerKeyValue[];
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: JaegerReference[];
  startTime: number;
  duration: number;
  tags: JaegerKeyValue[];
  logs: JaegerLog[];
  processID: string;
  warnings: string[] | null;
}

export interface JaegerProcess {
  serviceName: string;
  tags: JaegerKeyValue[];
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
  warnings: string[] | null;
}

export interface JaegerError {
  code?: number;
  msg: string;
  traceID?: string;
}

/** Go's `structuredResponse`: no field is omitted; `errors` is null when there are none. */
export interface JaegerResponse<T> {
  data: T;
  total: number;
  limit: number;
  offset: number;
  errors: JaegerError[] | null;
}
