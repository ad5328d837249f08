/**
 * Every public type of the package, in one place (index.ts re-exports this file). The types are
 * defined in the room they describe; types only used inside a room stay in its internal-types.ts.
 */
export type { LlmHttpInstrumentationConfig, CompletedExchange, ExchangeListener } from './capture/types.js';
export type { TracingConfig } from './config/types.js';
export type { TracingHandle } from './sdk/start-tracing.js';
export type { ManualSpanKind, MetadataValue, SpanHandle, SpanOptions, TokenUsage, TraceOptions } from './api/types.js';
export type { GenAiMetricNames } from './metrics/semconv-stability-opt-in.js';
export type { LlmCallForCost } from './cost/llm-call-cost.js';
