/**
 * What the parts that run without `loadTracingConfig` take from the environment: an app with its
 * own OpenTelemetry SDK (LlmHttpInstrumentation, the manual API), the metric names, and diag
 * before anything else starts. These follow OpenTelemetry's lenient rules (`@opentelemetry/core`'s
 * env helpers: a bad value is ignored, with a warning where core gives one), not the ConfigError
 * contract of the file path: nobody is there to refuse a start.
 */
import { DiagLogLevel } from '@opentelemetry/api';
import { diagLogLevelFromString, getBooleanFromEnv, getStringFromEnv, getStringListFromEnv } from '@opentelemetry/core';

import type { EnvVariableName } from './env-variables.js';

/** The opt-in value that selects the newest GenAI conventions, as other OpenTelemetry GenAI instrumentations read it. */
const GEN_AI_LATEST_EXPERIMENTAL = 'gen_ai_latest_experimental';

function is(name: EnvVariableName, value: 'true' | 'false'): boolean {
  return getStringFromEnv(name)?.trim().toLowerCase() === value;
}

/** `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`: true only for `true`. */
export function captureContentFromEnv(): boolean {
  return getBooleanFromEnv('OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT' satisfies EnvVariableName);
}

/** Off only when `OTEL_SDK_DISABLED=true` or `TRACING_ENABLED=false`, the two switches register reads. */
export function tracingEnabledFromEnv(): boolean {
  return !is('OTEL_SDK_DISABLED', 'true') && !is('TRACING_ENABLED', 'false');
}

/** Whether `OTEL_SEMCONV_STABILITY_OPT_IN` (a comma separated list) names `gen_ai_latest_experimental`. */
export function genAiLatestOptedInFromEnv(): boolean {
  const optIn = getStringListFromEnv('OTEL_SEMCONV_STABILITY_OPT_IN' satisfies EnvVariableName) ?? [];
  return optIn.some((entry) => entry.toLowerCase() === GEN_AI_LATEST_EXPERIMENTAL);
}

/** `OTEL_LOG_LEVEL`, default: warnings and errors only. */
export function logLevelFromEnv(): DiagLogLevel {
  return diagLogLevelFromString(getStringFromEnv('OTEL_LOG_LEVEL' satisfies EnvVariableName)) ?? DiagLogLevel.WARN;
}
