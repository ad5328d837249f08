import type { AttributeValue, Span } from '@opentelemetry/api';

/**
 * What a manual span stands for. Kinds the GenAI conventions define map onto their operation
 * and span name (see span-kinds.ts); the others are plain internal spans.
 */
export type ManualSpanKind = 'llm' | 'tool' | 'agent' | 'function' | 'retrieval' | 'embedding' | 'chain' | 'other';

/** Metadata values: scalars and arrays become attributes as they are; anything else is JSON. */
export type MetadataValue = AttributeValue | Record<string, unknown> | null;

/** Options of `trace(name, options, fn)`. */
export interface TraceOptions {
  /** `user.id` on every span of the trace, LLM spans included. */
  userId?: string;
  /** `session.id` on every span of the trace, LLM spans included. */
  sessionId?: string;
  /** `llm_otel.tags` on every span of the trace; nested traces add theirs. */
  tags?: readonly string[];
  /** `llm_otel.metadata.<key>` on the trace's root span. */
  metadata?: Readonly<Record<string, MetadataValue>>;
  /** What the unit of work was asked; recorded only when content capture is on. */
  input?: unknown;
}

/** Options of `span(name, kind, options, fn)`. Each field is read only by the kinds that have a use for it. */
export interface SpanOptions {
  /** Input of the step (tool arguments, retrieval query, prompt messages); recorded only when content capture is on. */
  input?: unknown;
  /** `llm`, `embedding`: `gen_ai.request.model`, and the model named in the span name. */
  model?: string;
  /** `llm`, `embedding`: `gen_ai.provider.name` (e.g. `openai`); with `model` it lets cost be priced. */
  provider?: string;
  /** `llm`: the operation (`chat` by default; `text_completion`, `generate_content`, ...). */
  operation?: string;
  /** `tool`: `gen_ai.tool.call.id`. */
  toolCallId?: string;
  /** `tool`: `gen_ai.tool.type` (`function`, `extension`, `datastore`). */
  toolType?: string;
  /** `tool`, `agent`: `gen_ai.tool.description` / `gen_ai.agent.description`. */
  description?: string;
  /** `agent`: `gen_ai.agent.id`. */
  agentId?: string;
  /** `retrieval`: `gen_ai.data_source.id`; defaults to the span's name. */
  dataSourceId?: string;
  /** `llm_otel.metadata.<key>` on this span. */
  metadata?: Readonly<Record<string, MetadataValue>>;
}

/** Token counts for `setUsage`, as the provider reported them. */
export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheCreationInputTokens?: number;
  reasoningOutputTokens?: number;
}

/**
 * Passed to `fn`: records what only the app knows about the step. Every method is safe to call
 * at any time, also after the span ended or when tracing is off (it then does nothing), and
 * never throws.
 */
export interface SpanHandle {
  /** The step's result; recorded only when content capture is on. */
  setOutput(output: unknown): void;
  /** Token counts (`gen_ai.usage.*`). On `llm`/`embedding` spans with `provider` and `model`, also prices the call. */
  setUsage(usage: TokenUsage): void;
  /** The cost in US dollars (`llm_otel.cost.usd`); overrides a price computed from usage. */
  setCost(usd: number): void;
  /** Marks the span failed with this error without throwing it (for errors the app handles itself). */
  setError(error: unknown): void;
  /** Any other attributes. */
  setAttributes(attributes: Record<string, AttributeValue | undefined>): void;
  /** The OpenTelemetry span, for anything else; a non-recording span when tracing is off. */
  readonly span: Span;
}
