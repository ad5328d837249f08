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

/** The provider's own counters under the names of `@opentelemetry/semantic-conventions` 1.45. */
function defaultUsageAttributes(usage: Usage, set: (key: string, value: number | undefined) => void): void {
  set(ATTR_GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens);
  set(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens);
  set(ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cacheReadInputTokens);
  set(ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, usage.cacheCreationInputTokens);
  set(ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningOutputTokens);
}

/**
 * The newest conventions' names and meanings (src/semconv-latest.ts): inclusive input and output
 * totals, `cache_write` for tokens written to a cache, and the per-modality counters the provider
 * reports.
 */
function latestUsageAttributes(usage: Usage, counting: UsageCounting | undefined, set: (key: string, value: number | undefined) => void): void {
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
  const set = (key: string, value: Attributes[string]) => {
    if (value !== undefined) attributes[key] = value;
  };
  // The conventions type the id as a string; AI21 on Bedrock sends a number (`"id": 1234`).
  set(ATTR_GEN_AI_RESPONSE_ID, facts.responseId === undefined ? undefined : String(facts.responseId));
  set(ATTR_GEN_AI_RESPONSE_MODEL, facts.responseModel);
  if (facts.finishReasons && facts.finishReasons.length > 0) attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = facts.finishReasons;
  if (facts.usage) {
    if (conventions === 'latest') latestUsageAttributes(facts.usage, counting, set);
    else defaultUsageAttributes(facts.usage, set);
  }
  set(ATTR_GEN_AI_OPENAI_RESPONSE_SERVICE_TIER, facts.serviceTier);
  set(ATTR_GEN_AI_OPENAI_RESPONSE_SYSTEM_FINGERPRINT, facts.systemFingerprint);
  return attributes;
}
