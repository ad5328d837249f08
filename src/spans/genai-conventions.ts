/**
 * Which GenAI conventions spans and metrics follow: `default`, the names and meanings of
 * `@opentelemetry/semantic-conventions` (src/semconv.ts), or `latest`, those of the GenAI
 * conventions repository (src/semconv-latest.ts), chosen by
 * `OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental`.
 */
export type GenAiConventions = 'default' | 'latest';
