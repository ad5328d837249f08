/**
 * The validated, frozen configuration model. Everything outside `config/` reads this and never the
 * YAML or the environment directly, so precedence lives in one place (see load-config.ts).
 */

// Type-only: the mapping's shape belongs to the registry that reads it; nothing is imported at run time.
import type { ProviderMapping } from '../providers/types.js';

export type { ProviderMapping };

export type SamplerType = 'always_on' | 'always_off' | 'probabilistic';
export type ExporterType = 'otlp' | 'stdout';

export interface ExporterConfig {
  readonly type: ExporterType;
  /** gRPC target as a URL, e.g. `http://localhost:4317` (normalised from `host:port` too). */
  readonly endpoint: string;
  /** Plaintext gRPC (no TLS). */
  readonly insecure: boolean;
  /** Export deadline for one batch; bounds how long a black-holed collector can hold a flush. */
  readonly timeoutMs: number;
}

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
}

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
}
