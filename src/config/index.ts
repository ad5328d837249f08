export { ConfigError } from './config-error.js';
export type { ConfigErrorDetails } from './config-error.js';
export { loadTracingConfig } from './load-config.js';
export type { LoadTracingConfigOptions } from './load-config.js';
export type {
  ExporterConfig,
  ExporterType,
  MetricsConfig,
  ProviderMapping,
  ResourceConfig,
  SamplerType,
  SamplingConfig,
  TracingConfig,
} from './types.js';
