/**
 * The zod schema of the YAML block `observability.tracing`: snake_case keys in, the camelCase model
 * (without `source`) out, defaults filled in. Every schema carries its own `allowed` text as the zod
 * error message, so config-error-from-issues.ts can turn any issue into a ConfigError without a
 * per-key lookup table that could drift from the schema.
 */
import { z } from 'zod';

import { LLM_API_NAMES } from '../providers/registry.js';

import { DEFAULT_EXIT_BUDGET_MS, DEFAULT_EXPORT_TIMEOUT_MS, DEFAULT_MAX_CONTENT_BYTES, DEFAULT_METRIC_INTERVAL_MS, DEFAULT_SERVICE_NAME } from './defaults.js';
import { exporterEndpoint, endpointAllowed } from './exporter-endpoint.js';
import { DEFAULT_OTLP_PROTOCOL, OTLP_PROTOCOLS, OTLP_PROTOCOLS_ALLOWED } from './otlp-protocol.js';
import { RATE_ALLOWED } from './sampling-rate.js';
import type { OtlpProtocol, TracingConfig } from './types.js';

/** The exporter as the file says it; the environment may still change protocol and endpoint. */
export interface FileExporterBlock {
  readonly type: 'otlp' | 'stdout' | 'none';
  readonly protocol: OtlpProtocol;
  /** As written (validated for the file's protocol); undefined for the protocol's default. */
  readonly endpoint?: string;
  readonly insecure?: boolean;
  readonly timeoutMs: number;
  /** Header name -> the environment variable its value is read from. */
  readonly headerVariables: Readonly<Record<string, string>>;
}

export type TracingBlock = Omit<TracingConfig, 'source' | 'exporter' | 'metrics' | 'batch' | 'propagators' | 'resourceDetectors'> & {
  readonly exporter: FileExporterBlock;
  readonly metrics: { readonly enabled: boolean; readonly intervalMs: number };
};

const SAMPLER_TYPES = ['always_on', 'always_off', 'probabilistic'] as const;
const EXPORTER_TYPES = ['otlp', 'stdout', 'none'] as const;
// An environment variable name as POSIX shells accept it.
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_VALUE_ALLOWED = '{ env: NAME }, naming the environment variable that holds the value (secrets never go in the file)';
// An HTTP header name (RFC 9110 token).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/**
 * The `api` a `providers:` mapping may name: the registry's own list of the APIs there is a
 * parser for (one home, so a name the registry does not read, such as `writer`, which is the
 * OpenAI API on Writer's host, cannot pass validation and then be ignored).
 */
const PROVIDER_APIS = LLM_API_NAMES as readonly [string, ...string[]];

const A_BOOLEAN = 'a boolean';
const A_POSITIVE_INTEGER = 'a positive whole number';
const A_DURATION_MS = 'a positive whole number of milliseconds';
// `*.example.com` for sub-domains, `:port` for hosts served on more than one port.
const PROVIDER_HOST = /^(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*(:\d{1,5})?$/i;

/** The zod `error` option: the text becomes the issue message, which we use as `allowed`. */
function allowed(text: string) {
  return { error: text };
}

function oneOf(values: readonly string[]): string {
  return `one of ${values.join(', ')}`;
}

/** A mapping that rejects unknown keys: a typo must not silently fall back to a default. */
function block<Shape extends z.ZodRawShape>(shape: Shape) {
  const keys = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `no other keys; known keys: ${keys}` : `a mapping with the keys ${keys}`,
  });
}

/** YAML reads a key with nothing after it (`exporter:`, contents commented out) as null: treat it as missing. */
function nullAsMissing<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === null ? undefined : value), schema);
}

/** A block that may be left out or empty, in which case its own key defaults apply. */
function optionalBlock<Schema extends z.ZodType>(schema: Schema) {
  return nullAsMissing(schema.prefault({} as z.input<Schema>));
}

const positiveInteger = (text: string) => z.int(allowed(text)).positive(allowed(text));
const nonEmptyString = (text: string) => z.string(allowed(text)).trim().min(1, allowed(text));

const headerValue = z.strictObject(
  { env: z.string(allowed(HEADER_VALUE_ALLOWED)).regex(ENV_NAME, allowed(HEADER_VALUE_ALLOWED)) },
  allowed(HEADER_VALUE_ALLOWED),
);

const exporterBlock = block({
  type: z.enum(EXPORTER_TYPES, allowed(oneOf(EXPORTER_TYPES))).default('otlp'),
  protocol: z.enum(OTLP_PROTOCOLS, allowed(OTLP_PROTOCOLS_ALLOWED)).default(DEFAULT_OTLP_PROTOCOL),
  endpoint: z.string(allowed(endpointAllowed(DEFAULT_OTLP_PROTOCOL))).optional(),
  insecure: z.boolean(allowed(A_BOOLEAN)).optional(),
  // The OTLP exporter specification's default for OTEL_EXPORTER_OTLP_TIMEOUT.
  timeout_ms: positiveInteger(A_DURATION_MS).default(DEFAULT_EXPORT_TIMEOUT_MS),
  headers: nullAsMissing(
    z.record(z.string().regex(HEADER_NAME, allowed('an HTTP header name')), headerValue, allowed(`a mapping of header names to ${HEADER_VALUE_ALLOWED}`)).default({}),
  ),
}).transform((exporter, ctx): FileExporterBlock => {
  // Checked here for the file's own protocol, so a mistake is reported against the file's key.
  const checked = exporterEndpoint(exporter.protocol, exporter.endpoint, exporter.insecure);
  if (!checked.ok) {
    ctx.issues.push({ code: 'custom', path: [checked.key], input: exporter[checked.key], message: checked.allowed });
    return z.NEVER;
  }
  return {
    type: exporter.type,
    protocol: exporter.protocol,
    ...(exporter.endpoint !== undefined && { endpoint: exporter.endpoint }),
    ...(exporter.insecure !== undefined && { insecure: exporter.insecure }),
    timeoutMs: exporter.timeout_ms,
    headerVariables: Object.fromEntries(Object.entries(exporter.headers).map(([name, value]) => [name, value.env])),
  };
});

const samplingBlock = block({
  type: z.enum(SAMPLER_TYPES, allowed(oneOf(SAMPLER_TYPES))).default('always_on'),
  rate: z.number(allowed(RATE_ALLOWED)).min(0, allowed(RATE_ALLOWED)).max(1, allowed(RATE_ALLOWED)).default(1),
});

const resourceBlock = block({
  service_name: nonEmptyString('a non-empty string').default(DEFAULT_SERVICE_NAME),
  // Unquoted `1.10` is the number 1.1 in YAML, so refuse numbers rather than stringify them wrongly.
  service_version: z.string(allowed('a string; quote version numbers, e.g. "1.2.0"')).optional(),
  deployment_environment: z.string(allowed('a string')).optional(),
}).transform((resource) => ({
  serviceName: resource.service_name,
  ...(resource.service_version !== undefined && { serviceVersion: resource.service_version }),
  ...(resource.deployment_environment !== undefined && { deploymentEnvironment: resource.deployment_environment }),
}));

const providerMapping = block({
  host: z
    .string(allowed('a host name, optionally with :port or a leading *. (no scheme or path)'))
    .regex(PROVIDER_HOST, allowed('a host name, optionally with :port or a leading *. (no scheme or path)'))
    // Host names are case-insensitive; lower-casing here keeps matching a plain comparison.
    .transform((host) => host.toLowerCase()),
  provider: nonEmptyString('a non-empty string, e.g. openai'),
  api: z.enum(PROVIDER_APIS, allowed(oneOf(PROVIDER_APIS))),
});

const metricsBlock = block({
  // On by default: token and duration metrics cost one export per interval and go to the same collector.
  enabled: z.boolean(allowed(A_BOOLEAN)).default(true),
  // The SDK's default for OTEL_METRIC_EXPORT_INTERVAL.
  interval_ms: positiveInteger(A_DURATION_MS).default(DEFAULT_METRIC_INTERVAL_MS),
}).transform((metrics) => ({ enabled: metrics.enabled, intervalMs: metrics.interval_ms }));

export const tracingBlockSchema = optionalBlock(
  block({
    enabled: z.boolean(allowed(A_BOOLEAN)).default(true),
    // Written by the vLLM semantic router next to the same keys; accepted so its files load as-is.
    provider: z.literal('opentelemetry', allowed('opentelemetry, or leave the key out')).optional(),
    exporter: optionalBlock(exporterBlock),
    sampling: optionalBlock(samplingBlock),
    resource: optionalBlock(resourceBlock),
    capture_content: z.boolean(allowed(A_BOOLEAN)).default(false),
    max_content_bytes: positiveInteger(A_POSITIVE_INTEGER).default(DEFAULT_MAX_CONTENT_BYTES),
    trace_non_llm_requests: z.boolean(allowed(A_BOOLEAN)).default(false),
    providers: nullAsMissing(
      z.array(providerMapping, allowed('a list of mappings with the keys host, provider, api')).default([]),
    ),
    metrics: optionalBlock(metricsBlock),
    // How long exit may wait for the last exports (see TracingConfig.exitBudgetMs).
    exit_budget_ms: z.int(allowed('a whole number of milliseconds, 0 or more')).min(0, allowed('a whole number of milliseconds, 0 or more')).default(DEFAULT_EXIT_BUDGET_MS),
  }),
).transform(
  (tracing): TracingBlock => ({
    enabled: tracing.enabled,
    exporter: tracing.exporter,
    sampling: tracing.sampling,
    resource: tracing.resource,
    captureContent: tracing.capture_content,
    maxContentBytes: tracing.max_content_bytes,
    traceNonLlmRequests: tracing.trace_non_llm_requests,
    providers: tracing.providers,
    metrics: tracing.metrics,
    exitBudgetMs: tracing.exit_budget_ms,
  }),
);
