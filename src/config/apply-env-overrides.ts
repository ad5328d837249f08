/**
 * Environment variables override the YAML block, so one shared file can be tuned per deployment
 * with the standard OTEL_* variables. This is our choice and differs from OpenTelemetry's
 * declarative configuration, where a config file makes the SDK ignore OTEL_* variables. Variable
 * meanings follow https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/
 * A bad value is a ConfigError naming the variable; of the endpoint variables only the winner is read.
 */
import { batchFromEnv } from './batch-from-env.js';
import { exporterFromEnv } from './exporter-from-env.js';
import { metricsFromEnv } from './metrics-from-env.js';
import { propagatorsFromEnv } from './propagators-from-env.js';
import { resourceDetectorsFromEnv } from './resource-detectors-from-env.js';
import { envError, readEnvBoolean, readEnvNumber, readEnvString } from './read-env.js';
import { RATE_ALLOWED } from './sampling-rate.js';
import type { TracingBlock } from './schema.js';
import type { SamplerType, SamplingConfig, TracingConfig } from './types.js';

/**
 * Our sampler is always parent-based (a child follows its parent's decision), so the plain and the
 * `parentbased_` spellings select the same root sampler.
 */
const SAMPLER_FROM_ENV: ReadonlyMap<string, SamplerType> = new Map<string, SamplerType>([
  ['always_on', 'always_on'],
  ['always_off', 'always_off'],
  ['traceidratio', 'probabilistic'],
  ['parentbased_always_on', 'always_on'],
  ['parentbased_always_off', 'always_off'],
  ['parentbased_traceidratio', 'probabilistic'],
]);
const SAMPLER_ALLOWED = `one of ${[...SAMPLER_FROM_ENV.keys()].join(', ')}`;

/** The block with the environment over it; `source` names the file in errors about its keys. */
export function applyEnvOverrides(block: TracingBlock, env: NodeJS.ProcessEnv, source: string): Omit<TracingConfig, 'source'> {
  const serviceName = readEnvString(env, 'OTEL_SERVICE_NAME');
  const enabled = enabledFromEnv(env) ?? block.enabled;
  const exporter = exporterFromEnv(block.exporter, env, source);
  return {
    ...block,
    enabled,
    exporter,
    metrics: metricsFromEnv(block.metrics, exporter, env),
    batch: batchFromEnv(env),
    propagators: propagatorsFromEnv(env),
    resourceDetectors: resourceDetectorsFromEnv(env),
    exitBudgetMs:
      readEnvNumber(env, 'LLM_OTEL_EXIT_BUDGET_MS', 'a whole number of milliseconds, 0 or more', (value) => Number.isInteger(value) && value >= 0) ??
      block.exitBudgetMs,
    sampling: samplingFromEnv(block.sampling, env),
    resource: serviceName === undefined ? block.resource : { ...block.resource, serviceName },
    captureContent: readEnvBoolean(env, 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT') ?? block.captureContent,
  };
}

function enabledFromEnv(env: NodeJS.ProcessEnv): boolean | undefined {
  // Both are read first so a typo in either is reported even when the other decides.
  const sdkDisabled = readEnvBoolean(env, 'OTEL_SDK_DISABLED');
  const tracingEnabled = readEnvBoolean(env, 'TRACING_ENABLED');
  if (sdkDisabled === true) return false;
  return tracingEnabled;
}

function samplingFromEnv(sampling: SamplingConfig, env: NodeJS.ProcessEnv): SamplingConfig {
  const rawSampler = readEnvString(env, 'OTEL_TRACES_SAMPLER');
  let type = sampling.type;
  if (rawSampler !== undefined) {
    const fromEnv = SAMPLER_FROM_ENV.get(rawSampler.trim().toLowerCase());
    if (fromEnv === undefined) throw envError('OTEL_TRACES_SAMPLER', rawSampler, SAMPLER_ALLOWED);
    type = fromEnv;
  }
  // The spec defines the argument only for the ratio samplers; it is checked whenever set so that a
  // typo does not lie in wait until someone switches the sampler. Unset keeps the file's rate.
  const rate = readEnvNumber(env, 'OTEL_TRACES_SAMPLER_ARG', RATE_ALLOWED, (value) => value >= 0 && value <= 1);
  return { type, rate: rate ?? sampling.rate };
}
