/**
 * Every environment variable llm-otel reads, declared once: its name, the kind of value, the
 * default when it is unset, and the setting it decides. Nothing outside `config/` reads the
 * environment; the readers (read-env.ts, settings-from-env.ts) take only names declared here, so a
 * new variable is one more row. Meanings of the OTEL_* rows follow
 * https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/
 * (modelled on the env definitions of @opentelemetry/configuration).
 */

export type EnvValueType = 'boolean' | 'number' | 'string' | 'string-list' | 'path' | 'endpoint' | 'sampler' | 'log-level';

export interface EnvVariable {
  readonly type: EnvValueType;
  /** What applies when the variable is unset or blank, as a user would write it. */
  readonly default: string;
  /** The setting it decides: a key of `observability.tracing`, or what else it switches. */
  readonly setting: string;
}

export const ENV_VARIABLES = {
  LLM_OTEL_CONFIG: { type: 'path', default: './llm-otel.yaml', setting: 'the configuration file' },
  OTEL_SDK_DISABLED: { type: 'boolean', default: 'false', setting: 'enabled (true turns tracing off; register then loads nothing else)' },
  TRACING_ENABLED: { type: 'boolean', default: 'the file, else true', setting: 'enabled' },
  LLM_OTEL_EXIT_BUDGET_MS: { type: 'number', default: 'the file, else 2000', setting: 'exit_budget_ms: longest wait for the last exports at exit' },
  OTEL_TRACES_EXPORTER: { type: 'string', default: 'the file, else otlp', setting: 'exporter.type (otlp, console, none)' },
  OTEL_EXPORTER_OTLP_PROTOCOL: { type: 'string', default: 'the file, else grpc', setting: 'exporter.protocol (grpc, http/protobuf, http/json), traces and metrics' },
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: { type: 'string', default: 'OTEL_EXPORTER_OTLP_PROTOCOL', setting: 'exporter.protocol, traces only' },
  OTLP_ENDPOINT: { type: 'endpoint', default: 'the file, else localhost:4317 (grpc) or :4318 (http)', setting: 'exporter.endpoint (wins over the OTEL_ ones)' },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: { type: 'endpoint', default: 'the file', setting: 'exporter.endpoint, used as-is' },
  OTEL_EXPORTER_OTLP_ENDPOINT: { type: 'endpoint', default: 'the file', setting: 'exporter.endpoint; over HTTP /v1/traces and /v1/metrics are appended' },
  OTEL_EXPORTER_OTLP_TIMEOUT: { type: 'number', default: 'the file, else 10000', setting: 'exporter.timeout_ms' },
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: { type: 'number', default: 'OTEL_EXPORTER_OTLP_TIMEOUT', setting: 'exporter.timeout_ms, traces only' },
  OTEL_EXPORTER_OTLP_HEADERS: { type: 'string', default: '(none)', setting: 'extra headers, read by the OTLP exporter (merged with exporter.headers; the variable wins)' },
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: { type: 'string', default: '(none)', setting: 'as OTEL_EXPORTER_OTLP_HEADERS, traces only (read by the exporter)' },
  OTEL_EXPORTER_OTLP_COMPRESSION: { type: 'string', default: 'none', setting: 'gzip or none, read by the OTLP exporter' },
  OTEL_EXPORTER_OTLP_CERTIFICATE: { type: 'path', default: 'the system roots', setting: 'TLS root certificate file, read by the OTLP exporter' },
  OTEL_EXPORTER_OTLP_CLIENT_KEY: { type: 'path', default: '(none)', setting: 'mTLS client key file, read by the OTLP exporter' },
  OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: { type: 'path', default: '(none)', setting: 'mTLS client certificate file, read by the OTLP exporter' },
  OTEL_BSP_SCHEDULE_DELAY: { type: 'number', default: '1000', setting: 'longest wait of a finished span before it is sent, ms' },
  OTEL_BSP_EXPORT_TIMEOUT: { type: 'number', default: 'exporter.timeout_ms', setting: 'deadline of one batch export, ms' },
  OTEL_BSP_MAX_QUEUE_SIZE: { type: 'number', default: '2048', setting: 'spans held while the collector is slow; newer ones are dropped' },
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: { type: 'number', default: '512', setting: 'spans per export' },
  OTEL_SERVICE_NAME: { type: 'string', default: 'the file, else unknown_service:node', setting: 'resource.service_name' },
  OTEL_RESOURCE_ATTRIBUTES: { type: 'string', default: '(none)', setting: 'resource attributes key=value,...; over the file, under OTEL_SERVICE_NAME' },
  OTEL_NODE_RESOURCE_DETECTORS: { type: 'string-list', default: 'all', setting: 'resource detectors: env, host, os, process, serviceinstance, all, none' },
  OTEL_PROPAGATORS: { type: 'string-list', default: 'tracecontext,baggage', setting: 'context propagators: tracecontext, baggage, b3, b3multi, none' },
  OTEL_TRACES_SAMPLER: { type: 'sampler', default: 'the file, else always_on', setting: 'sampling.type' },
  OTEL_TRACES_SAMPLER_ARG: { type: 'number', default: 'the file, else 1', setting: 'sampling.rate' },
  OTEL_METRICS_EXPORTER: { type: 'string', default: 'otlp when metrics.enabled', setting: 'metrics exporter: otlp, console, none (none turns metrics off)' },
  OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: { type: 'string', default: 'OTEL_EXPORTER_OTLP_PROTOCOL', setting: 'metrics protocol' },
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: { type: 'endpoint', default: "the traces' collector", setting: 'metrics endpoint, used as-is (read by the exporter)' },
  OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: { type: 'string', default: 'cumulative', setting: 'metrics temporality: cumulative, delta, lowmemory' },
  OTEL_METRIC_EXPORT_INTERVAL: { type: 'number', default: 'the file, else 60000', setting: 'metrics.interval_ms' },
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: { type: 'boolean', default: 'the file, else false', setting: 'capture_content' },
  OTEL_SEMCONV_STABILITY_OPT_IN: { type: 'string-list', default: '(none)', setting: 'GenAI span and metric names and meanings (gen_ai_latest_experimental: the newest)' },
  OTEL_LOG_LEVEL: { type: 'log-level', default: 'warn', setting: 'level of our diagnostics on stderr' },
  // The Anthropic SDK's own switch: register sets it to false when the user left it unset
  // (sdk/defer-anthropic-sdk-spans.ts), so each call has one GenAI span, not two.
  ANTHROPIC_OPEN_TELEMETRY: { type: 'boolean', default: 'false once register runs', setting: "the Anthropic SDK's own call spans" },
} as const satisfies Record<string, EnvVariable>;

export type EnvVariableName = keyof typeof ENV_VARIABLES;
