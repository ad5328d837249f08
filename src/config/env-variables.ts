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
  OTEL_SDK_DISABLED: { type: 'boolean', default: 'false', setting: 'enabled (true turns tracing off)' },
  TRACING_ENABLED: { type: 'boolean', default: 'the file, else true', setting: 'enabled' },
  OTLP_ENDPOINT: { type: 'endpoint', default: 'the file, else http://localhost:4317', setting: 'exporter.endpoint (wins over the OTEL_ ones)' },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: { type: 'endpoint', default: 'the file', setting: 'exporter.endpoint' },
  OTEL_EXPORTER_OTLP_ENDPOINT: { type: 'endpoint', default: 'the file', setting: 'exporter.endpoint' },
  OTEL_SERVICE_NAME: { type: 'string', default: 'the file, else unknown_service:node', setting: 'resource.service_name' },
  OTEL_TRACES_SAMPLER: { type: 'sampler', default: 'the file, else always_on', setting: 'sampling.type' },
  OTEL_TRACES_SAMPLER_ARG: { type: 'number', default: 'the file, else 1', setting: 'sampling.rate' },
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: { type: 'boolean', default: 'the file, else false', setting: 'capture_content' },
  OTEL_SEMCONV_STABILITY_OPT_IN: { type: 'string-list', default: '(none)', setting: 'GenAI span and metric names and meanings (gen_ai_latest_experimental: the newest)' },
  OTEL_LOG_LEVEL: { type: 'log-level', default: 'warn', setting: 'level of our diagnostics on stderr' },
  // The Anthropic SDK's own switch: register sets it to false when the user left it unset
  // (sdk/defer-anthropic-sdk-spans.ts), so each call has one GenAI span, not two.
  ANTHROPIC_OPEN_TELEMETRY: { type: 'boolean', default: 'false once register runs', setting: "the Anthropic SDK's own call spans" },
} as const satisfies Record<string, EnvVariable>;

export type EnvVariableName = keyof typeof ENV_VARIABLES;
