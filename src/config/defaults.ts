/**
 * The one default of each setting that more than one room applies: the YAML schema, the
 * instrumentation built by an app's own SDK, and the manual API all start from these.
 */

/** Cap for each captured content attribute, in UTF-8 bytes (`max_content_bytes`). */
export const DEFAULT_MAX_CONTENT_BYTES = 16 * 1024;

/**
 * How long exit may wait for the last exports (`exit_budget_ms`): short enough that a CLI tool
 * whose collector is down still ends promptly, long enough for a reachable collector's last batch.
 */
export const DEFAULT_EXIT_BUDGET_MS = 2000;

/**
 * How long a finished span may wait before it is sent (OTEL_BSP_SCHEDULE_DELAY; the SDK's default
 * is 5 s). Short, so a trace shows up while its user still looks for it.
 */
export const DEFAULT_BATCH_DELAY_MS = 1000;

/** The service name when nothing names one: the OpenTelemetry resource convention's default for Node. */
export const DEFAULT_SERVICE_NAME = 'unknown_service:node';

/** How long one export may take (`exporter.timeout_ms`), as OTEL_EXPORTER_OTLP_TIMEOUT defaults. */
export const DEFAULT_EXPORT_TIMEOUT_MS = 10_000;

/** How often metrics are exported (`metrics.interval_ms`), as OTEL_METRIC_EXPORT_INTERVAL defaults. */
export const DEFAULT_METRIC_INTERVAL_MS = 60_000;
