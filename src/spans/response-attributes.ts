import type { Attributes } from '@opentelemetry/api';
import type { ResponseFacts, Usage, UsageCounting } from '../providers/types.js';
import {
  ATTR_GEN_AI_OPENAI_RESPONSE_SERVICE_TIER, ATTR_GEN_AI_OPENAI_RESPONSE_SYSTEM_FINGERPRINT, ATTR_GEN_AI_RESPONSE_FINISH_REASONS, ATTR_GEN_AI_RESPONSE_ID, ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
} from '../semconv.js';
import {
  ATTR_GEN_AI_USAGE_AUDIO_INPUT_TOKENS, ATTR_GEN_AI_USAGE_AUDIO_OUTPUT_TOKENS, ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_IMAGE_INPUT_TOKENS, ATTR_GEN_AI_USAGE_TEXT_INPUT_TOKENS, ATTR_GEN_AI_USAGE_TEXT_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_VIDEO_INPUT_TOKENS,
} from '../semconv-latest.js';
import type { GenAiConventions } from './genai-conventions.js';
import { inclusiveTotals } from './inclusive-usage.js';

const INPUT_BY_MODALITY = { text: ATTR_GEN_AI_USAGE_TEXT_INPUT_TOKENS, image: ATTR_GEN_AI_USAGE_IMAGE_INPUT_TOKENS, audio: ATTR_GEN_AI_USAGE_AUDIO_INPUT_TOKENS, video: ATTR_GEN_AI_USAGE_VIDEO_INPUT_TOKENS } as const;
const OUTPUT_BY_MODALITY = { text: ATTR_GEN_AI_USAGE_TEXT_OUTPUT_TOKENS, audio: ATTR_GEN_AI_USAGE_AUDIO_OUTPUT_TOKENS } as const;

/**
 * The provider's own counters under the names of `@opentelemetry/semantic-conventions` 1.45.
 * Each attribute has its own store, here and in `responseAttributes`: one helper storing every
 * key (`set(key, value)`) made that store megamorphic, ~7,000 instructions per attribute added.
 */
function defaultUsageAttributes(usage: Usage, attributes: Attributes): void {
  const { inputTokens, outputTokens, cacheReadInputTokens, cacheCreationInputTokens, reasoningOutputTokens } = usage;
  if (inputTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] = inputTokens;
  if (outputTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] = outputTokens;
  if (cacheReadInputTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] = cacheReadInputTokens;
  if (cacheCreationInputTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS] = cacheCreationInputTokens;
  if (reasoningOutputTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS] = reasoningOutputTokens;
}

/**
 * The newest conventions' names and meanings (src/semconv-latest.ts): inclusive input and output
 * totals, `cache_write` for tokens written to a cache, and the per-modality counters the provider
 * reports.
 */
function latestUsageAttributes(usage: Usage, counting: UsageCounting | undefined, attributes: Attributes): void {
  const set = (key: string, value: number | undefined) => {
    if (value !== undefined) attributes[key] = value;
  };
  const totals = inclusiveTotals(usage, counting);
  set(ATTR_GEN_AI_USAGE_INPUT_TOKENS, totals.inputTokens);
  set(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, totals.outputTokens);
  set(ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cacheReadInputTokens);
  set(ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS, usage.cacheCreationInputTokens);
  set(ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningOutputTokens);
  for (const [modality, key] of Object.entries(INPUT_BY_MODALITY)) set(key, usage.inputTokensByModality?.[modality as keyof typeof INPUT_BY_MODALITY]);
  for (const [modality, key] of Object.entries(OUTPUT_BY_MODALITY)) set(key, usage.outputTokensByModality?.[modality as keyof typeof OUTPUT_BY_MODALITY]);
}

/**
 * Attributes read from the response body: ids, model, finish reasons, token counters, under the
 * chosen conventions. `counting` is how the API's counters add up (ApiMatch.usageCounting).
 */
export function responseAttributes(
  facts: ResponseFacts,
  conventions: GenAiConventions = 'default',
  counting?: UsageCounting,
): Attributes {
  const attributes: Attributes = {};
  const { responseId, responseModel, finishReasons, usage, serviceTier, systemFingerprint } = facts;
  // The conventions type the id as a string; AI21 on Bedrock sends a number (`"id": 1234`).
  if (responseId !== undefined) attributes[ATTR_GEN_AI_RESPONSE_ID] = String(responseId);
  if (responseModel !== undefined) attributes[ATTR_GEN_AI_RESPONSE_MODEL] = responseModel;
  if (finishReasons && finishReasons.length > 0) attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = finishReasons;
  if (usage) {
    if (conventions === 'latest') latestUsageAttributes(usage, counting, attributes);
    else defaultUsageAttributes(usage, attributes);
  }
  if (serviceTier !== undefined) attributes[ATTR_GEN_AI_OPENAI_RESPONSE_SERVICE_TIER] = serviceTier;
  if (systemFingerprint !== undefined) attributes[ATTR_GEN_AI_OPENAI_RESPONSE_SYSTEM_FINGERPRINT] = systemFingerprint;
  return attributes;
}
