/**
 * OTLP/JSON differs from the proto3 JSON mapping in one place that matters to a decoder:
 * `traceId`, `spanId` and `parentSpanId` (and link ids) are hex strings, not base64
 * (OTLP spec, "JSON Protobuf Encoding"). protobufjs' `fromObject` would read them as
 * base64, so they are turned into bytes here first; everything else (lowerCamelCase
 * names, int64 as strings or numbers, enums as integers) `fromObject` already accepts.
 */

const TRACE_ID_HEX = /^[0-9a-fA-F]{32}$/;
const SPAN_ID_HEX = /^[0-9a-fA-F]{16}$/;

function idBytes(value: unknown, pattern: RegExp, field: string): Uint8Array | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new Error(`${field}: expected ${pattern === TRACE_ID_HEX ? 32 : 16} hex characters, found ${JSON.stringify(value)?.slice(0, 60)}`);
  }
  return Buffer.from(value, 'hex');
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

/** Returns the request with span ids as bytes; throws if an id is not hex of the right length. */
export function withBinaryIds(request: unknown): object {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new Error('expected a JSON object (ExportTraceServiceRequest)');
  }
  for (const resourceSpans of records((request as Record<string, unknown>).resourceSpans)) {
    for (const scopeSpans of records(resourceSpans.scopeSpans)) {
      for (const span of records(scopeSpans.spans)) {
        span.traceId = idBytes(span.traceId, TRACE_ID_HEX, 'traceId');
        span.spanId = idBytes(span.spanId, SPAN_ID_HEX, 'spanId');
        span.parentSpanId = idBytes(span.parentSpanId, SPAN_ID_HEX, 'parentSpanId');
      }
    }
  }
  return request;
}
