import { genAiLatestOptedInFromEnv } from '../config/settings-from-env.js';

export type GenAiMetricNames = 'default' | 'latest';

/**
 * Which GenAI metric names to emit: `latest` when `OTEL_SEMCONV_STABILITY_OPT_IN` names
 * `gen_ai_latest_experimental`, else the names of the `@opentelemetry/semantic-conventions` package.
 */
export function genAiMetricNamesFromEnv(): GenAiMetricNames {
  return genAiLatestOptedInFromEnv() ? 'latest' : 'default';
}
