import { propagation, trace, type Context, type SpanContext } from '@opentelemetry/api';

/** What of an undici request the propagation headers are written to. */
export interface UndiciHeaderCarrier {
  /** A flat [name, value, ...] list in both Node 22 and Node 24. */
  headers?: unknown[] | string;
  addHeader(name: string, value: string): unknown;
}

const TRACEPARENT = 'traceparent';

/** The index of header `key` (lower-case) in a flat header list, or -1. */
function headerIndex(headers: unknown[], key: string): number {
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i];
    const text = typeof name === 'string' ? name : String(name);
    // Most names differ in length: no lower-casing for them (this runs on every traced call).
    if (text.length === key.length && text.toLowerCase() === key) return i;
  }
  return -1;
}

/** Replaces the value of `key` in a flat header list; false when the list has no such header. */
function replaceHeader(headers: unknown, key: string, value: string): boolean {
  if (!Array.isArray(headers)) return false;
  const at = headerIndex(headers, key);
  if (at < 0) return false;
  headers[at + 1] = value;
  return true;
}

function headerValue(headers: unknown, key: string): string | undefined {
  if (!Array.isArray(headers)) return undefined;
  const at = headerIndex(headers, key);
  return at < 0 ? undefined : String(headers[at + 1]);
}

const headerSetter = {
  set(carrier: UndiciHeaderCarrier, key: string, value: string): void {
    if (!replaceHeader(carrier.headers, key, value)) carrier.addHeader(key, value);
  },
};

/** The propagators' header names, lower-cased; kept while the propagators name the same fields. */
let fieldsSeen: readonly string[] = [];
let fieldNames = new Set<string>();

function propagationFieldNames(): ReadonlySet<string> {
  const fields = propagation.fields();
  if (fields.length !== fieldsSeen.length || fields.some((field, i) => field !== fieldsSeen[i])) {
    fieldsSeen = [...fields];
    fieldNames = new Set(fields.map((field) => field.toLowerCase()));
  }
  return fieldNames;
}

/**
 * Whether the request already names a span started inside ours: an app's undici instrumentation
 * (subscribed before us) made its HTTP span as a child of the GenAI span and set its `traceparent`.
 * A header of our trace that names our span's parent is an SDK's own (it traced itself), not a child.
 */
function namesChildSpan(ctx: Context, headers: unknown): boolean {
  const value = headerValue(headers, TRACEPARENT);
  const ours = trace.getSpanContext(ctx);
  if (!value || !ours) return false;
  const [, traceId, spanId] = value.split('-');
  const parent = (trace.getSpan(ctx) as { parentSpanContext?: SpanContext } | undefined)?.parentSpanContext;
  return traceId === ours.traceId && spanId !== ours.spanId && spanId !== parent?.spanId;
}

/**
 * Sets `traceparent` (and any other propagation header) on the undici request, so exactly one is
 * sent, naming the innermost span of the call:
 * - a value there already (set by the app, or by an SDK that traces itself) is replaced in place:
 *   appending would send two, which servers must treat as invalid;
 * - one an undici instrumentation set for its HTTP span inside ours is kept;
 * - one such an instrumentation adds after us (subscribed later) replaces ours instead of joining it.
 */
export function injectTraceparent(ctx: Context, request: UndiciHeaderCarrier): void {
  if (namesChildSpan(ctx, request.headers)) return;
  propagation.inject(ctx, request, headerSetter);
  const fields = propagationFieldNames();
  const addHeader = request.addHeader;
  request.addHeader = function addPropagationHeaderOnce(this: UndiciHeaderCarrier, name: string, value: string) {
    if (typeof name === 'string' && fields.has(name.toLowerCase()) && replaceHeader(this.headers, name.toLowerCase(), value)) return this;
    return addHeader.call(this, name, value);
  };
}
