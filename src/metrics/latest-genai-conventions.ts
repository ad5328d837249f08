/**
 * Metric names and the one attribute of the newest GenAI conventions, used when
 * `OTEL_SEMCONV_STABILITY_OPT_IN` contains `gen_ai_latest_experimental`.
 *
 * `@opentelemetry/semantic-conventions` 1.45 does not export them yet (it stops at the names
 * that moved to open-telemetry/semantic-conventions-genai), so they cannot live in src/semconv.ts,
 * whose test checks every key against that package. Copied from semantic-conventions-genai:
 * - docs/gen-ai/client-inference.md: `gen_ai.client.inference.duration`,
 *   `gen_ai.client.inference.time_to_first_chunk` (renamed from `gen_ai.client.operation.*` by
 *   PR #521, see docs/gen-ai/non-normative/migration.md);
 * - docs/gen-ai/gen-ai-token-metrics.md and model/gen-ai/token-metrics.yaml: the
 *   `gen_ai.client.inference.usage.*` counters (with `gen_ai.token.modality`) and the
 *   `gen_ai.client.inference.operation.*` histograms that replace `gen_ai.client.token.usage`
 *   (PR #374);
 * - docs/gen-ai/client-embeddings.md: `gen_ai.client.embeddings.duration` and
 *   `gen_ai.client.embeddings.operation.input_tokens`.
 */

export const METRIC_GEN_AI_CLIENT_INFERENCE_DURATION = 'gen_ai.client.inference.duration' as const;
export const METRIC_GEN_AI_CLIENT_INFERENCE_TIME_TO_FIRST_CHUNK = 'gen_ai.client.inference.time_to_first_chunk' as const;

export const METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_INPUT_TOKENS = 'gen_ai.client.inference.operation.input_tokens' as const;
export const METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_OUTPUT_TOKENS = 'gen_ai.client.inference.operation.output_tokens' as const;

export const METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_INPUT_TOKENS = 'gen_ai.client.inference.usage.input_tokens' as const;
export const METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_OUTPUT_TOKENS = 'gen_ai.client.inference.usage.output_tokens' as const;
export const METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_CACHE_READ_INPUT_TOKENS =
  'gen_ai.client.inference.usage.cache_read.input_tokens' as const;
export const METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_CACHE_WRITE_INPUT_TOKENS =
  'gen_ai.client.inference.usage.cache_write.input_tokens' as const;
export const METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_REASONING_OUTPUT_TOKENS =
  'gen_ai.client.inference.usage.reasoning.output_tokens' as const;

export const METRIC_GEN_AI_CLIENT_EMBEDDINGS_DURATION = 'gen_ai.client.embeddings.duration' as const;
export const METRIC_GEN_AI_CLIENT_EMBEDDINGS_OPERATION_INPUT_TOKENS = 'gen_ai.client.embeddings.operation.input_tokens' as const;

/** Required on the usage counters; `unknown` when the provider does not split usage by modality. */
export const ATTR_GEN_AI_TOKEN_MODALITY = 'gen_ai.token.modality' as const;
export const GEN_AI_TOKEN_MODALITY_VALUE_UNKNOWN = 'unknown' as const;
