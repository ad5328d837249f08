/**
 * Plain shapes for telemetry decoded by the embedded OTLP receiver. They are
 * deliberately independent of protobufjs and of the SDK so that the trace
 * tree, the tests and later commands can build and compare them by hand.
 */

export type ReceivedAttributeScalar = string | number | boolean;

/**
 * OTLP `AnyValue` narrowed to what the OpenTelemetry API can emit as an
 * attribute: a scalar or a homogeneous array of scalars. Int64 values become
 * JS numbers (token counts and status codes stay far below 2^53).
 */
export type ReceivedAttributeValue = ReceivedAttributeScalar | ReceivedAttributeScalar[];

export type ReceivedAttributes = Record<string, ReceivedAttributeValue>;

export interface ReceivedSpanEvent {
  name: string;
  timeUnixNano: bigint;
  attributes: ReceivedAttributes;
}

export interface ReceivedSpan {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  /** 16 lowercase hex characters; undefined for a root span. */
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: ReceivedAttributes;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  events: ReceivedSpanEvent[];
  resource: ReceivedAttributes;
  scope: { name: string; version?: string };
}

export interface ReceivedNumberPoint {
  attributes: ReceivedAttributes;
  timeUnixNano: bigint;
  value: number;
}

export interface ReceivedHistogramPoint {
  attributes: ReceivedAttributes;
  timeUnixNano: bigint;
  count: number;
  sum?: number;
  min?: number;
  max?: number;
  bucketCounts: number[];
  explicitBounds: number[];
}

/** A sum's or histogram's aggregation temporality (OTLP's enum without its prefix). */
export type ReceivedTemporality = 'delta' | 'cumulative' | 'unspecified';

/**
 * One OTLP metric. Only gauge, sum and explicit-bucket histogram carry data
 * points here; exponential histograms and summaries keep their name with
 * `type` set and no points, which is enough to notice they arrived.
 */
export type ReceivedMetric = {
  name: string;
  description: string;
  unit: string;
  resource: ReceivedAttributes;
  scope: { name: string; version?: string };
} & (
  | { type: 'gauge'; dataPoints: ReceivedNumberPoint[] }
  | { type: 'sum'; temporality: ReceivedTemporality; dataPoints: ReceivedNumberPoint[] }
  | { type: 'histogram'; temporality: ReceivedTemporality; dataPoints: ReceivedHistogramPoint[] }
  | { type: 'exponentialHistogram' | 'summary' | 'unknown'; dataPoints: [] }
);
