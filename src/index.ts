export type * from './types.js';
export { LlmHttpInstrumentation } from './capture/llm-http-instrumentation.js';
export { llmOtel } from './own-sdk/llm-otel.js';
export { loadTracingConfig } from './config/load-config.js';
export { ConfigError } from './config/config-error.js';
export { startTracing } from './sdk/start-tracing.js';
export { currentTracing } from './sdk/start-from-environment.js';

// Manual tracing: what HTTP capture cannot see (agents, tools, retrieval, who a call served).
export { trace } from './api/trace.js';
export { span } from './api/span.js';
export { TraceAttributesSpanProcessor } from './api/trace-attributes-span-processor.js';

// Cost: LlmHttpInstrumentation puts it on each LLM span; the price table is here for audits.
export { llmCallCostUsd } from './cost/llm-call-cost.js';
export { priceTableVersion } from './cost/price-table-version.js';
export {
  ATTR_LLM_OTEL_COST_USD, ATTR_LLM_OTEL_INPUT, ATTR_LLM_OTEL_METADATA_PREFIX, ATTR_LLM_OTEL_OUTPUT, ATTR_LLM_OTEL_PRICE_TABLE,
  ATTR_LLM_OTEL_SPAN_KIND, ATTR_LLM_OTEL_TAGS,
} from './spans/llm-otel-attributes.js';
