export { LlmHttpInstrumentation } from './capture/llm-http-instrumentation.js';
export type { LlmHttpInstrumentationConfig } from './capture/types.js';
export type { CompletedExchange, ExchangeListener } from './capture/llm-exchange.js';
export { loadTracingConfig } from './config/load-config.js';
export { ConfigError } from './config/config-error.js';
export type { TracingConfig } from './config/types.js';
export { startTracing, type TracingHandle } from './sdk/start-tracing.js';
export { currentTracing } from './sdk/start-from-environment.js';
