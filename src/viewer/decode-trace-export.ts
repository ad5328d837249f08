import type protobuf from 'protobufjs';

import { withBinaryIds } from './otlp-json-ids.js';
import { attributesFromKeyValues, scopeFrom, type KeyValueObject, type ScopeObject } from './otlp-common.js';
import { ExportTraceServiceRequest, OTLP_TO_OBJECT_OPTIONS } from './otlp-schema.js';
import type { ReceivedSpan } from './received-telemetry.js';

interface SpanObject {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  parentSpanId?: Uint8Array;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes?: KeyValueObject[];
  events?: Array<{ timeUnixNano?: string; name?: string; attributes?: KeyValueObject[] }>;
  status?: { message?: string; code?: number };
}

interface ExportTraceServiceRequestObject {
  resourceSpans?: Array<{
    resource?: { attributes?: KeyValueObject[] };
    scopeSpans?: Array<{ scope?: ScopeObject; spans?: SpanObject[] }>;
  }>;
}

function hex(bytes: Uint8Array | undefined): string {
  return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex') : '';
}

function nanos(value: string | undefined): bigint {
  return BigInt(value ?? 0);
}

function receivedSpanFrom(
  span: SpanObject,
  resource: ReceivedSpan['resource'],
  scope: ReceivedSpan['scope'],
): ReceivedSpan {
  const parentSpanId = hex(span.parentSpanId);
  const status: ReceivedSpan['status'] = { code: span.status?.code ?? 0 };
  if (span.status?.message) status.message = span.status.message;
  return {
    traceId: hex(span.traceId),
    spanId: hex(span.spanId),
    // Proto3 cannot tell "absent" from "empty"; OTLP marks a root with empty bytes.
    ...(parentSpanId ? { parentSpanId } : {}),
    name: span.name ?? '',
    kind: span.kind ?? 0,
    startTimeUnixNano: nanos(span.startTimeUnixNano),
    endTimeUnixNano: nanos(span.endTimeUnixNano),
    attributes: attributesFromKeyValues(span.attributes),
    status,
    events: (span.events ?? []).map((event) => ({
      name: event.name ?? '',
      timeUnixNano: nanos(event.timeUnixNano),
      attributes: attributesFromKeyValues(event.attributes),
    })),
    resource,
    scope,
  };
}

/**
 * Decodes the body of a `TraceService/Export` call (a serialized
 * `ExportTraceServiceRequest`) into flat spans. Throws on malformed bytes.
 */
export function decodeTraceExport(bytes: Uint8Array): ReceivedSpan[] {
  return spansFromMessage(ExportTraceServiceRequest.decode(bytes));
}

/**
 * Decodes an OTLP/JSON `ExportTraceServiceRequest` (the body of `POST /v1/traces` with
 * `application/json`). Throws on malformed JSON or ids.
 */
export function decodeTraceExportJson(text: string): ReceivedSpan[] {
  return spansFromMessage(ExportTraceServiceRequest.fromObject(withBinaryIds(JSON.parse(text))));
}

function spansFromMessage(message: protobuf.Message): ReceivedSpan[] {
  const request = ExportTraceServiceRequest.toObject(message, OTLP_TO_OBJECT_OPTIONS) as ExportTraceServiceRequestObject;
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = attributesFromKeyValues(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      const scope = scopeFrom(scopeSpans.scope);
      for (const span of scopeSpans.spans ?? []) spans.push(receivedSpanFrom(span, resource, scope));
    }
  }
  return spans;
}
