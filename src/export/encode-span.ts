// One OTLP Span message (opentelemetry/proto/trace/v1/trace.proto) from a ReadableSpan, written
// straight into the ProtoBuffer: no intermediate object tree, ids decoded from hex in place.
// Which fields are written when (zero counts included) follows @opentelemetry/otlp-transformer,
// so the bytes are the same; test/unit/export/ compares them.
import type { HrTime, Link, SpanContext, SpanStatus } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace';
import { writeKeyValues } from './encode-attributes.js';
import type { ProtoBuffer } from './proto-buffer.js';

/** OTLP span flags: the W3C trace flags plus "remote-ness is known" and "is remote". */
function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | 0x100 | (isRemote ? 0x200 : 0);
}

/** seconds * 1e9 + nanos as fixed64, exact for any seconds below 2^32 (the float product is not). */
function writeHrTime(out: ProtoBuffer, time: HrTime): void {
  const seconds = time[0];
  const upper = (seconds / 65536) >>> 0;
  const lower = seconds & 0xffff;
  // seconds * 1e9 = upper * 1e9 * 2^16 + lower * 1e9; each product is below 2^53, so exact.
  const upperNanos = upper * 1e9;
  const lowerNanos = lower * 1e9 + time[1];
  const low = (upperNanos % 65536) * 65536 + (lowerNanos % 4294967296);
  const high = Math.floor(upperNanos / 65536) + Math.floor(lowerNanos / 4294967296) + Math.floor(low / 4294967296);
  out.fixed64(low >>> 0, high >>> 0);
}

function writeEvent(out: ProtoBuffer, event: TimedEvent): void {
  out.uint32(0x5a);
  const eventAt = out.beginMessage();
  out.uint32(0x09);
  writeHrTime(out, event.time);
  out.uint32(0x12);
  out.lengthAndString(event.name);
  if (event.attributes) writeKeyValues(out, event.attributes, 3);
  out.uint32(0x20);
  out.uint32(event.droppedAttributesCount || 0);
  out.endMessage(eventAt);
}

/** Fields 1-3 of both Span and Span.Link: trace id, span id, trace state. */
function writeIds(out: ProtoBuffer, context: SpanContext): void {
  out.uint32(0x0a);
  out.lengthAndHex(context.traceId);
  out.uint32(0x12);
  out.lengthAndHex(context.spanId);
  const traceState = context.traceState?.serialize();
  if (traceState) {
    out.uint32(0x1a);
    out.lengthAndString(traceState);
  }
}

function writeLink(out: ProtoBuffer, link: Link): void {
  out.uint32(0x6a);
  const linkAt = out.beginMessage();
  const context = link.context;
  writeIds(out, context);
  if (link.attributes) writeKeyValues(out, link.attributes, 4);
  out.uint32(0x28);
  out.uint32(link.droppedAttributesCount || 0);
  out.uint32(0x35);
  out.fixed32(spanFlags(context.traceFlags, context.isRemote));
  out.endMessage(linkAt);
}

function writeStatus(out: ProtoBuffer, status: SpanStatus): void {
  out.uint32(0x7a);
  const statusAt = out.beginMessage();
  if (status.message) {
    out.uint32(0x12);
    out.lengthAndString(status.message);
  }
  out.uint32(0x18);
  out.int64(status.code);
  out.endMessage(statusAt);
}

/** ScopeSpans.spans (field 2): one span, tag and length included. */
export function writeSpan(out: ProtoBuffer, span: ReadableSpan): void {
  out.uint32(0x12);
  const spanAt = out.beginMessage();
  const context = span.spanContext();
  writeIds(out, context);
  const parent = span.parentSpanContext;
  if (parent?.spanId) {
    out.uint32(0x22);
    out.lengthAndHex(parent.spanId);
  }
  out.uint32(0x2a);
  out.lengthAndString(span.name);
  const kind = span.kind == null ? 0 : span.kind + 1;
  if (kind !== 0) {
    out.uint32(0x30);
    out.int64(kind);
  }
  out.uint32(0x39);
  writeHrTime(out, span.startTime);
  out.uint32(0x41);
  writeHrTime(out, span.endTime);
  if (span.attributes) writeKeyValues(out, span.attributes, 9);
  out.uint32(0x50);
  out.int64(span.droppedAttributesCount);
  for (const event of span.events) writeEvent(out, event);
  out.uint32(0x60);
  out.int64(span.droppedEventsCount);
  for (const link of span.links) writeLink(out, link);
  out.uint32(0x70);
  out.int64(span.droppedLinksCount);
  writeStatus(out, span.status);
  // Field 16, fixed32: tag 133 (two varint bytes).
  out.uint32(0x85);
  out.fixed32(spanFlags(context.traceFlags, parent?.isRemote));
  out.endMessage(spanAt);
}
