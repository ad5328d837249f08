import { getStringFromEnv } from '@opentelemetry/core';

/** The opt-in value that selects the newest GenAI conventions, as other OpenTelemetry GenAI instrumentations read it. */
export const GEN_AI_LATEST_EXPERIMENTAL = 'gen_ai_latest_experimental';

export type GenAiMetricNames = 'default' | 'latest';

/**
 * Which GenAI metric names to emit: `latest` when `OTEL_SEMCONV_STABILITY_OPT_IN` (a comma
 * separated list) names `gen_ai_latest_experimental`, else the names of the
 * `@opentelemetry/semantic-conventions` package.
 */
export function genAiMetricNamesFromEnv(): GenAiMetricNames {
  const optIn = getStringFromEnv('OTEL_SEMCONV_STABILITY_OPT_IN') ?? '';
  return optIn.split(',').some((entry) => entry.trim().toLowerCase() === GEN_AI_LATEST_EXPERIMENTAL) ? 'latest' : 'default';
}
