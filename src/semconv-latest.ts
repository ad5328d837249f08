/**
 * Names of the newest GenAI conventions (open-telemetry/semantic-conventions-genai), used only when
 * `OTEL_SEMCONV_STABILITY_OPT_IN` names `gen_ai_latest_experimental`. By default spans and metrics
 * keep what `@opentelemetry/semantic-conventions` 1.45 defines (src/semconv.ts).
 *
 * The npm package does not export these yet (the GenAI conventions moved to their own repository
 * and the package lags its renames), so src/semconv.ts, whose test checks every key against the
 * package, cannot hold them. test/unit/semconv-latest.test.ts pins each one to the file and commit
 * of that repository that defines it:
 * - docs/gen-ai/non-normative/migration.md: `gen_ai.usage.cache_creation.input_tokens` renamed to
 *   `gen_ai.usage.cache_write.input_tokens` (PR #440); `gen_ai.client.operation.duration` and
 *   `.time_to_first_chunk` renamed to `gen_ai.client.inference.*` for inference calls (PR #521);
 * - docs/registry/attributes/gen-ai.md: the per-modality usage attributes (each a subset of the
 *   input or output total, set only when the provider reports that modality) and
 *   `gen_ai.token.modality`;
 * - docs/gen-ai/gen-ai-token-metrics.md: the `gen_ai.client.inference.usage.*` counters and the
 *   `gen_ai.client.inference.operation.*` histograms that replace `gen_ai.client.token.usage`
 *   (PR #374);
 * - docs/gen-ai/client-embeddings.md: `gen_ai.client.embeddings.duration` and
 *   `gen_ai.client.embeddings.operation.input_tokens`.
 */

export const ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS = 'gen_ai.usage.cache_write.input_tokens' as const;
export const ATTR_GEN_AI_USAGE_TEXT_INPUT_TOKENS = 'gen_ai.usage.text.input_tokens' as const;
export const ATTR_GEN_AI_USAGE_IMAGE_INPUT_TOKENS = 'gen_ai.usage.image.input_tokens' as const;
export const ATTR_GEN_AI_USAGE_AUDIO_INPUT_TOKENS = 'gen_ai.usage.audio.input_tokens' as const;
export const ATTR_GEN_AI_USAGE_VIDEO_INPUT_TOKENS = 'gen_ai.usage.video.input_tokens' as const;
export const ATTR_GEN_AI_USAGE_TEXT_OUTPUT_TOKENS = 'gen_ai.usage.text.output_tokens' as const;
export const ATTR_GEN_AI_USAGE_AUDIO_OUTPUT_TOKENS = 'gen_ai.usage.audio.output_tokens' as const;

/** Required on the usage counters; `unknown` when the provider does not split usage by modality. */
export const ATTR_GEN_AI_TOKEN_MODALITY = 'gen_ai.token.modality' as const;
export const GEN_AI_TOKEN_MODALITY_VALUE_UNKNOWN = 'unknown' as const;

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
