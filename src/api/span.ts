import { context } from '@opentelemetry/api';
import { manualApiSettings } from './manual-api-settings.js';
import { metadataAttributes } from './metadata-attributes.js';
import { runInSpan } from './run-in-span.js';
import { NOOP_SPAN_HANDLE } from './span-handle.js';
import { manualSpanShape } from './span-kinds.js';
import { startManualSpan } from './start-manual-span.js';
import type { ManualSpanKind, SpanHandle, SpanOptions } from './types.js';

const KINDS: ReadonlySet<string> = new Set<ManualSpanKind>([
  'llm', 'tool', 'agent', 'function', 'retrieval', 'embedding', 'chain', 'other',
]);

/**
 * Runs `fn` as one step of the current trace (an agent, a tool call, a retrieval, ...) and returns
 * what it returns, sync or async. The step is a child of the innermost active span, and LLM calls
 * made inside it become its children, across `await`, timers and streams: nesting rides on the
 * OpenTelemetry context, nothing of ours. See span-kinds.ts for how each kind is named.
 */
export function span<T>(name: string, kind: ManualSpanKind, fn: (handle: SpanHandle) => T): T;
export function span<T>(name: string, kind: ManualSpanKind, options: SpanOptions, fn: (handle: SpanHandle) => T): T;
export function span<T>(
  name: string,
  kind: ManualSpanKind,
  optionsOrFn: SpanOptions | ((handle: SpanHandle) => T),
  maybeFn?: (handle: SpanHandle) => T,
): T {
  const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
  if (typeof fn !== 'function') throw new TypeError('llm-otel: span(name, kind, options, fn) needs a function as its last argument');
  const settings = manualApiSettings();
  if (!settings.enabled) return fn(NOOP_SPAN_HANDLE);
  const options: SpanOptions = (typeof optionsOrFn === 'object' && optionsOrFn) || {};
  return runInSpan(() => {
    const knownKind = KINDS.has(kind) ? kind : 'other';
    const shape = manualSpanShape(String(name), knownKind, options);
    const priced = (knownKind === 'llm' || knownKind === 'embedding') && options.provider && options.model;
    return startManualSpan(
      {
        name: shape.name,
        spanKind: shape.spanKind,
        attributes: { ...shape.attributes, ...metadataAttributes(options.metadata) },
        content: shape.content,
        input: options.input,
        pricing: priced ? { provider: options.provider!, model: options.model! } : undefined,
      },
      settings,
      context.active(),
    );
  }, fn);
}
