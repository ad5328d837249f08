import { context, SpanKind } from '@opentelemetry/api';
import { ATTR_LLM_OTEL_INPUT, ATTR_LLM_OTEL_OUTPUT, ATTR_LLM_OTEL_SPAN_KIND } from '../spans/llm-otel-attributes.js';
import { manualApiSettings } from './manual-api-settings.js';
import { metadataAttributes } from './metadata-attributes.js';
import { runInSpan } from './run-in-span.js';
import { NOOP_SPAN_HANDLE } from './span-handle.js';
import { startManualSpan } from './start-manual-span.js';
import { nestedTraceScope, traceScopeOf } from './trace-scope.js';
import type { SpanHandle, TraceOptions } from './types.js';

/** The value of `llm_otel.span.kind` on a trace's root span. */
const TRACE_ROOT_KIND = 'trace';

/** A trace's input and output have no convention key: they go under ours. */
const TRACE_CONTENT = { input: ATTR_LLM_OTEL_INPUT, output: ATTR_LLM_OTEL_OUTPUT, messages: false, inputIsText: false } as const;

/**
 * Runs `fn` as one unit of work (a request served, a job run, an agent session) and returns what
 * it returns, sync or async. Its user, session and tags go on every span started inside it,
 * the automatic LLM spans included; metadata goes on its root span.
 *
 * The root span is a child of whatever span is active (an incoming HTTP request's server span,
 * say), so a trace that started elsewhere stays one trace; with nothing active it starts a new one.
 * Nested `trace` calls keep the outer user and session unless they name their own, and add tags.
 */
export function trace<T>(name: string, fn: (handle: SpanHandle) => T): T;
export function trace<T>(name: string, options: TraceOptions, fn: (handle: SpanHandle) => T): T;
export function trace<T>(
  name: string,
  optionsOrFn: TraceOptions | ((handle: SpanHandle) => T),
  maybeFn?: (handle: SpanHandle) => T,
): T {
  const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
  if (typeof fn !== 'function') throw new TypeError('llm-otel: trace(name, options, fn) needs a function as its last argument');
  const settings = manualApiSettings();
  if (!settings.enabled) return fn(NOOP_SPAN_HANDLE);
  const options: TraceOptions = (typeof optionsOrFn === 'object' && optionsOrFn) || {};
  return runInSpan(() => {
    const parent = context.active();
    return startManualSpan(
      {
        name: String(name),
        spanKind: SpanKind.INTERNAL,
        attributes: { [ATTR_LLM_OTEL_SPAN_KIND]: TRACE_ROOT_KIND, ...metadataAttributes(options.metadata) },
        content: TRACE_CONTENT,
        input: options.input,
        scope: nestedTraceScope(traceScopeOf(parent), options),
      },
      settings,
      parent,
    );
  }, fn);
}
