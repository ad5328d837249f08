import type { Span } from '@opentelemetry/api';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { ProviderMapping, RequestFacts, ResponseFacts, UsageCounting } from '../providers/types.js';
import type { GenAiConventions } from '../spans/genai-conventions.js';

/** Options of LlmHttpInstrumentation, for apps that set up their own OpenTelemetry SDK. */
export interface LlmHttpInstrumentationConfig extends InstrumentationConfig {
  /**
   * Record prompts and completions (gen_ai.input.messages, gen_ai.output.messages, ...).
   * Default: `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`, else false.
   */
  captureContent?: boolean;
  /** Cap for each content attribute, in UTF-8 bytes; the JSON stays valid. Default 16384. */
  maxContentBytes?: number;
  /** Also make a span for every non-LLM HTTP request. Default false. */
  traceNonLlmRequests?: boolean;
  /** Hosts to treat as a given provider and API (e.g. an internal gateway). */
  providers?: readonly ProviderMapping[];
  /**
   * The GenAI conventions span attributes follow: `default` (`@opentelemetry/semantic-conventions`)
   * or `latest` (the GenAI conventions repository: inclusive token totals, `cache_write`,
   * per-modality counters). Default: `latest` when `OTEL_SEMCONV_STABILITY_OPT_IN` names
   * `gen_ai_latest_experimental`, else `default`.
   */
  genAiConventions?: GenAiConventions;
}

/** A finished LLM call, handed to listeners (metrics, cost) just before its span ends. */
export interface CompletedExchange {
  readonly span: Span;
  readonly request: RequestFacts;
  readonly response: ResponseFacts;
  /** The request URL (metrics read server.address/port from it); may hold credentials in its query. */
  readonly url: URL;
  readonly status?: number;
  readonly durationSeconds: number;
  readonly timeToFirstChunkSeconds?: number;
  readonly errorType?: string;
  /** How the API's usage counters add up, for totals under the newest conventions. */
  readonly usageCounting?: UsageCounting;
}

export type ExchangeListener = (exchange: CompletedExchange) => void;
