// ExportTraceServiceRequest (opentelemetry/proto/collector/trace/v1/trace_service.proto) from
// ReadableSpans: the bytes the export thread sends, and the request half of the ISerializer the
// OpenTelemetry exporters' own delegates accept (otlp-span-exporters.ts). It writes the same bytes as
// @opentelemetry/otlp-transformer's ProtobufTraceSerializer (test/unit/export/ compares them over
// generated and recorded spans) in one pass instead of a size pass and a write pass, with each
// resource and instrumentation scope encoded once and kept as bytes, and attribute keys cached.
// Why our own: docs/benchmark.md, "The serializer".
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { writeKeyValues } from './encode-attributes.js';
import { writeSpan } from './encode-span.js';
import { ProtoBuffer } from './proto-buffer.js';

/** A resource's or scope's fields as written once: the leading field and the trailing schema URL. */
interface EncodedParts {
  head: Uint8Array;
  schemaUrl: Uint8Array | undefined;
}

interface EncodedScope extends EncodedParts {
  // What the bytes were made from: a scope object changed after first use is encoded again.
  name: string;
  version: string | undefined;
  schemaUrlText: string | undefined;
  attributes: unknown;
}

const scratch = new ProtoBuffer();
const resources = new WeakMap<Resource, EncodedParts>();
const scopes = new WeakMap<InstrumentationScope, EncodedScope>();

/** Runs `write` into a buffer of its own and returns the bytes (resource and scope caches). */
function encodeApart(write: (out: ProtoBuffer) => void): Uint8Array {
  const out = new ProtoBuffer();
  write(out);
  return out.copyOut();
}

function schemaUrlField(schemaUrl: string | undefined): Uint8Array | undefined {
  if (!schemaUrl) return undefined;
  return encodeApart((out) => {
    out.uint32(0x1a);
    out.lengthAndString(schemaUrl);
  });
}

function encodeResource(resource: Resource): EncodedParts {
  const head = encodeApart((out) => {
    out.uint32(0x0a);
    const at = out.beginMessage();
    if (resource.attributes) writeKeyValues(out, resource.attributes, 1);
    out.uint32(0x10);
    out.uint32(0);
    out.endMessage(at);
  });
  return { head, schemaUrl: schemaUrlField(resource.schemaUrl) };
}

function resourceParts(resource: Resource): EncodedParts {
  const cached = resources.get(resource);
  if (cached !== undefined) return cached;
  const parts = encodeResource(resource);
  // Attributes still being detected would change: encode such a resource each time.
  if (!resource.asyncAttributesPending) resources.set(resource, parts);
  return parts;
}

function scopeParts(scope: InstrumentationScope): EncodedScope {
  const cached = scopes.get(scope);
  if (
    cached !== undefined &&
    cached.name === scope.name &&
    cached.version === scope.version &&
    cached.schemaUrlText === scope.schemaUrl &&
    cached.attributes === (scope as { attributes?: unknown }).attributes
  ) {
    return cached;
  }
  const attributes = (scope as { attributes?: Record<string, unknown> }).attributes;
  const droppedAttributesCount = (scope as { droppedAttributesCount?: number }).droppedAttributesCount;
  const head = encodeApart((out) => {
    out.uint32(0x0a);
    const at = out.beginMessage();
    out.uint32(0x0a);
    out.lengthAndString(scope.name);
    if (scope.version) {
      out.uint32(0x12);
      out.lengthAndString(scope.version);
    }
    if (attributes) writeKeyValues(out, attributes, 3);
    if (droppedAttributesCount) {
      out.uint32(0x20);
      out.int64(droppedAttributesCount);
    }
    out.endMessage(at);
  });
  const encoded: EncodedScope = {
    head,
    schemaUrl: schemaUrlField(scope.schemaUrl),
    name: scope.name,
    version: scope.version,
    schemaUrlText: scope.schemaUrl,
    attributes,
  };
  scopes.set(scope, encoded);
  return encoded;
}

/** Spans by resource, then by scope, both by identity and in first-seen order (as the transformer groups). */
function groupSpans(spans: ReadableSpan[]): Map<Resource, Map<InstrumentationScope, ReadableSpan[]>> {
  const byResource = new Map<Resource, Map<InstrumentationScope, ReadableSpan[]>>();
  for (const span of spans) {
    let byScope = byResource.get(span.resource);
    if (byScope === undefined) {
      byScope = new Map();
      byResource.set(span.resource, byScope);
    }
    let list = byScope.get(span.instrumentationScope);
    if (list === undefined) {
      list = [];
      byScope.set(span.instrumentationScope, list);
    }
    list.push(span);
  }
  return byResource;
}

function writeScopeSpans(out: ProtoBuffer, scope: InstrumentationScope, spans: ReadableSpan[]): void {
  const parts = scopeParts(scope);
  out.uint32(0x12);
  const at = out.beginMessage();
  out.raw(parts.head);
  for (let i = 0; i < spans.length; i++) writeSpan(out, spans[i]);
  if (parts.schemaUrl !== undefined) out.raw(parts.schemaUrl);
  out.endMessage(at);
}

/** The request's bytes. */
export function serializeTraceRequest(spans: ReadableSpan[]): Uint8Array {
  const out = scratch;
  out.reset();
  for (const [resource, byScope] of groupSpans(spans)) {
    const parts = resourceParts(resource);
    out.uint32(0x0a);
    const at = out.beginMessage();
    out.raw(parts.head);
    for (const [scope, list] of byScope) writeScopeSpans(out, scope, list);
    if (parts.schemaUrl !== undefined) out.raw(parts.schemaUrl);
    out.endMessage(at);
  }
  return out.copyOut();
}
