import { propagation, trace, type Context, type SpanContext } from '@opentelemetry/api';

/** What of an undici request the propagation headers are written to. */
export interface UndiciHeaderCarrier {
  /** A flat [name, value, ...] list in both Node 22 and Node 24. */
  headers?: unknown[] | string;
  addHeader(name: string, value: string): unknown;
}

const TRACEPARENT = 'traceparent';

/** Replaces the value of `key` in a flat header list; false when the list has no such header. */
function replaceHeader(headers: unknown, key: string, value: string): boolean {
  if (!Array.isArray(headers)) return false;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() === key) {
      headers[i + 1] = value;
      return true;
    }
  }
  return false;
}

function headerValue(headers: unknown, key: string): string | undefined {
  if (!Array.isArray(headers)) return undefined;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() === key) return String(headers[i + 1]);
  }
  return undefined;
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
  propagation.inject(ctx, request, {
    set(carrier, key, value) {
      if (!replaceHeader(carrier.headers, key, value)) carrier.addHeader(key, value);
    },
  });
  const fields = new Set(propagation.fields().map((field) => field.toLowerCase()));
  const addHeader = request.addHeader;
  request.addHeader = function addPropagationHeaderOnce(this: UndiciHeaderCarrier, name: string, value: string) {
    if (typeof name === 'string' && fields.has(name.toLowerCase()) && replaceHeader(this.headers, name.toLowerCase(), value)) return this;
    return addHeader.call(this, name, value);
  };
}
