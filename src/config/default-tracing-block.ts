import { DEFAULT_EXIT_BUDGET_MS, DEFAULT_EXPORT_TIMEOUT_MS, DEFAULT_MAX_CONTENT_BYTES, DEFAULT_METRIC_INTERVAL_MS, DEFAULT_SERVICE_NAME } from './defaults.js';
import { DEFAULT_OTLP_PROTOCOL } from './otlp-protocol.js';
import type { TracingBlock } from './schema.js';

/**
 * The block the schema gives when there is no file (or no `observability.tracing` in it), built
 * without the schema: validating nothing is a fifth of register's start-up, spent compiling and
 * running zod. A unit test keeps it equal to `tracingBlockSchema.parse(undefined)`.
 */
export const DEFAULT_TRACING_BLOCK: TracingBlock = {
  enabled: true,
  exporter: { type: 'otlp', protocol: DEFAULT_OTLP_PROTOCOL, timeoutMs: DEFAULT_EXPORT_TIMEOUT_MS, headerVariables: {} },
  sampling: { type: 'always_on', rate: 1 },
  resource: { serviceName: DEFAULT_SERVICE_NAME },
  captureContent: false,
  maxContentBytes: DEFAULT_MAX_CONTENT_BYTES,
  traceNonLlmRequests: false,
  providers: [],
  metrics: { enabled: true, intervalMs: DEFAULT_METRIC_INTERVAL_MS },
  exitBudgetMs: DEFAULT_EXIT_BUDGET_MS,
};
