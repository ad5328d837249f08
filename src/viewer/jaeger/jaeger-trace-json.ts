import {
  ATTR_OTEL_SCOPE_NAME,
  ATTR_OTEL_SCOPE_VERSION,
  ATTR_OTEL_STATUS_CODE,
  ATTR_OTEL_STATUS_DESCRIPTION,
  ATTR_SERVICE_NAME,
} from '@opentelemetry/semantic-conventions';

import type { ReceivedAttributes, ReceivedAttributeValue, ReceivedSpan } from '../received-telemetry.js';
import { serviceOf, STATUS_CODE_ERROR } from '../store/span-facts.js';
import type { JaegerKeyValue, JaegerProcess, JaegerSpan, JaegerTrace } from './jaeger-json-types.js';

/*
 * Keys of Jaeger's own data model (not OpenTelemetry attributes), which Jaeger's OTLP
 * translator adds to each span: see getTagFromSpanKind / getTagFromStatusCode and the
 * event-name field in jaegertracing/jaeger internal/storage/v2/elasticsearch/tracestore/to_dbmodel.go.
 */
const JAEGER_TAG_SPAN_KIND = 'span.kind';
const JAEGER_TAG_ERROR = 'error';
const JAEGER_LOG_FIELD_EVENT = 'event';

const SPAN_KIND_TAG_VALUES: Record<number, string> = { 1: 'internal', 2: 'server', 3: 'client', 4: 'producer', 5: 'consumer' };
const STATUS_OK = 1;

const NS_PER_US = 1000n;

/**
 * Jaeger prints a trace id as 16 hex digits when its high 64 bits are zero, else 32
 * (model.TraceID.String in jaeger-idl); span ids always as 16.
 */
function jaegerTraceId(traceId: string): string {
  return traceId.length === 32 && traceId.startsWith('0000000000000000') ? traceId.slice(16) : traceId;
}

/** The stored (32-digit) form of a trace id given as Jaeger accepts it: 1 to 32 hex digits. */
export function storedTraceId(id: string): string | undefined {
  if (!/^[0-9a-fA-F]{1,32}$/.test(id)) return undefined;
  return id.toLowerCase().padStart(32, '0');
}

function keyValue(key: string, value: ReceivedAttributeValue): JaegerKeyValue {
  if (Array.isArray(value)) return { key, type: 'string', value: JSON.stringify(value) };
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  if (typeof value === 'number') return { key, type: Number.isInteger(value) ? 'int64' : 'float64', value };
  return { key, type: 'string', value };
}

function keyValues(attributes: ReceivedAttributes, skip?: string): JaegerKeyValue[] {
  const out: JaegerKeyValue[] = [];
  for (const [key, value] of Object.entries(attributes)) if (key !== skip) out.push(keyValue(key, value));
  return out;
}

function micros(nanos: bigint): number {
  return Number(nanos / NS_PER_US);
}

function spanTags(span: ReceivedSpan): JaegerKeyValue[] {
  const tags: JaegerKeyValue[] = [];
  if (span.scope.name) tags.push({ key: ATTR_OTEL_SCOPE_NAME, type: 'string', value: span.scope.name });
  if (span.scope.version) tags.push({ key: ATTR_OTEL_SCOPE_VERSION, type: 'string', value: span.scope.version });
  tags.push(...keyValues(span.attributes));
  const kind = SPAN_KIND_TAG_VALUES[span.kind];
  if (kind) tags.push({ key: JAEGER_TAG_SPAN_KIND, type: 'string', value: kind });
  if (span.status.code === STATUS_OK) tags.push({ key: ATTR_OTEL_STATUS_CODE, type: 'string', value: 'OK' });
  if (span.status.code === STATUS_CODE_ERROR) {
    tags.push({ key: ATTR_OTEL_STATUS_CODE, type: 'string', value: 'ERROR' });
    tags.push({ key: JAEGER_TAG_ERROR, type: 'bool', value: true });
  }
  if (span.status.message) tags.push({ key: ATTR_OTEL_STATUS_DESCRIPTION, type: 'string', value: span.status.message });
  return tags;
}

/**
 * One trace in Jaeger's JSON: processes deduplicated by service and resource, numbered
 * p1, p2, ... in order of first use; the parent as the first CHILD_OF reference; events as
 * logs with the event name in an `event` field.
 */
export function jaegerTraceFrom(spans: ReceivedSpan[]): JaegerTrace {
  const processes: Record<string, JaegerProcess> = {};
  const processIds = new Map<string, string>();
  const out: JaegerSpan[] = [];
  for (const span of spans) {
    const processKey = JSON.stringify(span.resource);
    let processID = processIds.get(processKey);
    if (!processID) {
      processID = `p${processIds.size + 1}`;
      processIds.set(processKey, processID);
      processes[processID] = { serviceName: serviceOf(span), tags: keyValues(span.resource, ATTR_SERVICE_NAME) };
    }
    const traceID = jaegerTraceId(span.traceId);
    const duration = span.endTimeUnixNano - span.startTimeUnixNano;
    out.push({
      traceID,
      spanID: span.spanId,
      operationName: span.name,
      references: span.parentSpanId ? [{ refType: 'CHILD_OF', traceID, spanID: span.parentSpanId }] : [],
      startTime: micros(span.startTimeUnixNano),
      duration: micros(duration > 0n ? duration : 0n),
      tags: spanTags(span),
      logs: span.events.map((event) => ({
        timestamp: micros(event.timeUnixNano),
        fields: [
          ...(event.name && !(JAEGER_LOG_FIELD_EVENT in event.attributes)
            ? [{ key: JAEGER_LOG_FIELD_EVENT, type: 'string' as const, value: event.name }]
            : []),
          ...keyValues(event.attributes),
        ],
      })),
      processID,
      warnings: null,
    });
  }
  return { traceID: jaegerTraceId(spans[0]?.traceId ?? ''), spans: out, processes, warnings: null };
}
