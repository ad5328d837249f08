/**
 * The validated, frozen configuration model. Everything outside `config/` reads this and never the
 * YAML or the environment directly, so precedence lives in one place (see load-config.ts).
 */

// Type-only: the mapping's shape belongs to the registry that reads it; nothing is imported at run time.
import type { ProviderMapping } from '../providers/types.js';

export type { ProviderMapping };

import type { OtlpProtocol } from './otlp-protocol.js';

export type { OtlpProtocol };

export type SamplerType = 'always_on' | 'always_off' | 'probabilistic';
/** `stdout` is the NodeSDK's `console`; `none` exports no spans (the capture, cost and metrics still run). */
export type ExporterType = 'otlp' | 'stdout' | 'none';

export interface ExporterConfig {
  readonly type: ExporterType;
  readonly protocol: OtlpProtocol;
  /**
   * Where spans go, as a URL: the gRPC target (`http://localhost:4317`), or for OTLP/HTTP the
   * full traces URL (`http://localhost:4318/v1/traces`). Undefined when an OTLP/HTTP endpoint comes
   * from OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT: the exporter reads those itself, with the spec's rules.
   */
  readonly endpoint?: string;
  /** Plaintext (http://); for gRPC, no TLS. */
  readonly insecure: boolean;
  /** Export deadline for one batch; bounds how long a black-holed collector can hold a flush. */
  readonly timeoutMs: number;
  /** Extra request headers (gRPC metadata), values already read from the variables the file names. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The BatchSpanProcessor's settings (OTEL_BSP_*); unset ones keep the processor's defaults. */
export interface BatchConfig {
  readonly scheduledDelayMs: number;
  readonly exportTimeoutMs?: number;
  readonly maxQueueSize?: number;
  readonly maxExportBatchSize?: number;
}

/** The propagators OTEL_PROPAGATORS names, in order; empty for `none`. */
export type PropagatorName = 'tracecontext' | 'baggage' | 'b3' | 'b3multi';

/** The NodeSDK's names for the resource detectors of @opentelemetry/resources. */
export type ResourceDetectorName = 'env' | 'host' | 'os' | 'process' | 'serviceinstance';

export interface SamplingConfig {
  readonly type: SamplerType;
  /** Ratio of new root traces kept, in [0, 1]; only read for `probabilistic`. */
  readonly rate: number;
}

export interface ResourceConfig {
  readonly serviceName: string;
  readonly serviceVersion?: string;
  readonly deploymentEnvironment?: string;
}

export interface MetricsConfig {
  readonly enabled: boolean;
  readonly intervalMs: number;
  /** OTEL_METRICS_EXPORTER: `otlp` (the traces' collector unless the metrics variables say otherwise) or `console`. */
  readonly exporter: 'otlp' | 'console';
  readonly protocol: OtlpProtocol;
  /** As ExporterConfig.endpoint, for metrics; undefined: the exporter reads its OTEL_ variables. */
  readonly endpoint?: string;
  /** OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: which instruments are exported as deltas. */
  readonly temporality: MetricTemporalityPreference;
}

/** The OTLP exporter specification's temporality preferences. */
export type MetricTemporalityPreference = 'cumulative' | 'delta' | 'lowmemory';

export interface TracingConfig {
  readonly enabled: boolean;
  /** Where the configuration came from: a file path, or `defaults`. Used in messages. */
  readonly source: string;
  readonly exporter: ExporterConfig;
  readonly sampling: SamplingConfig;
  readonly resource: ResourceConfig;
  /** Record prompts and completions (opt-in). */
  readonly captureContent: boolean;
  /** Cap for each captured content attribute, in UTF-8 bytes. */
  readonly maxContentBytes: number;
  /** Also make spans for HTTP requests that are not LLM calls (off by default). */
  readonly traceNonLlmRequests: boolean;
  readonly providers: readonly ProviderMapping[];
  readonly metrics: MetricsConfig;
  readonly batch: BatchConfig;
  readonly propagators: readonly PropagatorName[];
  /** OTEL_NODE_RESOURCE_DETECTORS: which detectors add to the resource (all of them unless set). */
  readonly resourceDetectors: readonly ResourceDetectorName[];
  /**
   * Longest time llm-otel may hold the process after the app is done (event loop empty, or
   * SIGTERM/SIGINT with no handler of the app's) to send what is queued; the rest is counted and dropped.
   */
  readonly exitBudgetMs: number;
}
