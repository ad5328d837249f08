import { describe, expect, it } from 'vitest';
import * as latest from '../../src/semconv-latest.js';

/**
 * Every name of the newest GenAI conventions we emit under
 * `OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental`, pinned to the file and commit of
 * open-telemetry/semantic-conventions-genai that defines it. `@opentelemetry/semantic-conventions`
 * does not export these yet, so unlike src/semconv.ts they cannot be checked against the package;
 * a change to any of them must come with a newer source here.
 */
const REPO = 'open-telemetry/semantic-conventions-genai';
const MIGRATION = ['docs/gen-ai/non-normative/migration.md', '32c328e85013588c6fe32ebc30934ab5b1752b6a'] as const;
const ATTRIBUTE_REGISTRY = ['docs/registry/attributes/gen-ai.md', '002c8a6ea1c8a42b14a4527db83b3cabcded610a'] as const;
const TOKEN_METRICS = ['docs/gen-ai/gen-ai-token-metrics.md', '066d4a7f356f8600de6f10c42874626ab88692fb'] as const;
const CLIENT_EMBEDDINGS = ['docs/gen-ai/client-embeddings.md', '88eccb155ca7d6984826da1f4b1c08ee916e0f49'] as const;

const PINNED: ReadonlyArray<readonly [exportName: keyof typeof latest, value: string, source: readonly [string, string]]> = [
  // PR #440: gen_ai.usage.cache_creation.input_tokens -> gen_ai.usage.cache_write.input_tokens.
  ['ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS', 'gen_ai.usage.cache_write.input_tokens', MIGRATION],
  ['ATTR_GEN_AI_USAGE_TEXT_INPUT_TOKENS', 'gen_ai.usage.text.input_tokens', ATTRIBUTE_REGISTRY],
  ['ATTR_GEN_AI_USAGE_IMAGE_INPUT_TOKENS', 'gen_ai.usage.image.input_tokens', ATTRIBUTE_REGISTRY],
  ['ATTR_GEN_AI_USAGE_AUDIO_INPUT_TOKENS', 'gen_ai.usage.audio.input_tokens', ATTRIBUTE_REGISTRY],
  ['ATTR_GEN_AI_USAGE_VIDEO_INPUT_TOKENS', 'gen_ai.usage.video.input_tokens', ATTRIBUTE_REGISTRY],
  ['ATTR_GEN_AI_USAGE_TEXT_OUTPUT_TOKENS', 'gen_ai.usage.text.output_tokens', ATTRIBUTE_REGISTRY],
  ['ATTR_GEN_AI_USAGE_AUDIO_OUTPUT_TOKENS', 'gen_ai.usage.audio.output_tokens', ATTRIBUTE_REGISTRY],
  ['ATTR_GEN_AI_TOKEN_MODALITY', 'gen_ai.token.modality', ATTRIBUTE_REGISTRY],
  ['GEN_AI_TOKEN_MODALITY_VALUE_UNKNOWN', 'unknown', ATTRIBUTE_REGISTRY],
  // PR #521: gen_ai.client.operation.* -> gen_ai.client.inference.* for inference operations.
  ['METRIC_GEN_AI_CLIENT_INFERENCE_DURATION', 'gen_ai.client.inference.duration', MIGRATION],
  ['METRIC_GEN_AI_CLIENT_INFERENCE_TIME_TO_FIRST_CHUNK', 'gen_ai.client.inference.time_to_first_chunk', MIGRATION],
  // PR #374: gen_ai.client.token.usage -> these counters and histograms.
  ['METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_INPUT_TOKENS', 'gen_ai.client.inference.usage.input_tokens', TOKEN_METRICS],
  ['METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_OUTPUT_TOKENS', 'gen_ai.client.inference.usage.output_tokens', TOKEN_METRICS],
  ['METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_CACHE_READ_INPUT_TOKENS', 'gen_ai.client.inference.usage.cache_read.input_tokens', TOKEN_METRICS],
  ['METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_CACHE_WRITE_INPUT_TOKENS', 'gen_ai.client.inference.usage.cache_write.input_tokens', TOKEN_METRICS],
  ['METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_REASONING_OUTPUT_TOKENS', 'gen_ai.client.inference.usage.reasoning.output_tokens', TOKEN_METRICS],
  ['METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_INPUT_TOKENS', 'gen_ai.client.inference.operation.input_tokens', TOKEN_METRICS],
  ['METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_OUTPUT_TOKENS', 'gen_ai.client.inference.operation.output_tokens', TOKEN_METRICS],
  ['METRIC_GEN_AI_CLIENT_EMBEDDINGS_DURATION', 'gen_ai.client.embeddings.duration', CLIENT_EMBEDDINGS],
  ['METRIC_GEN_AI_CLIENT_EMBEDDINGS_OPERATION_INPUT_TOKENS', 'gen_ai.client.embeddings.operation.input_tokens', CLIENT_EMBEDDINGS],
];

describe(`names of the newest GenAI conventions (${REPO})`, () => {
  it.each(PINNED.map(([name, value, [file, commit]]) => [name, value, file, commit] as const))(
    '%s is %s, as %s defines it at %s',
    (name, value, _file, commit) => {
      expect(latest[name]).toBe(value);
      expect(commit).toMatch(/^[0-9a-f]{40}$/);
    },
  );

  it('every name the module exports is pinned', () => {
    const exported = Object.entries(latest).filter(([, value]) => typeof value === 'string').map(([name]) => name).sort();
    expect(exported).toEqual(PINNED.map(([name]) => name).sort());
  });
});
