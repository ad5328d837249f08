import type { Attributes } from '@opentelemetry/api';
import type { ResponseFacts } from '../providers/types.js';
import {
  ATTR_GEN_AI_OPENAI_RESPONSE_SERVICE_TIER, ATTR_GEN_AI_OPENAI_RESPONSE_SYSTEM_FINGERPRINT, ATTR_GEN_AI_RESPONSE_FINISH_REASONS, ATTR_GEN_AI_RESPONSE_ID, ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
} from '../semconv.js';

/**
 * Finish reasons are raw provider values. Vertex's integer enum encoding sends numbers (1 = STOP);
 * they stay numbers rather than be renamed by a guess. An attribute array must be homogeneous,
 * so a mix (never seen) falls back to text.
 */
function finishReasonValues(reasons: Array<string | number>): string[] | number[] {
  return reasons.every((r) => typeof r === 'number') ? (reasons as number[]) : reasons.map((r) => String(r));
}

/** Attributes read from the response body: ids, model, finish reasons, token counters. */
export function responseAttributes(facts: ResponseFacts): Attributes {
  const attributes: Attributes = {};
  const set = (key: string, value: Attributes[string]) => {
    if (value !== undefined) attributes[key] = value;
  };
  // The conventions type the id as a string; AI21 on Bedrock sends a number (`"id": 1234`).
  set(ATTR_GEN_AI_RESPONSE_ID, facts.responseId === undefined ? undefined : String(facts.responseId));
  set(ATTR_GEN_AI_RESPONSE_MODEL, facts.responseModel);
  if (facts.finishReasons && facts.finishReasons.length > 0) {
    attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = finishReasonValues(facts.finishReasons);
  }
  const usage = facts.usage;
  if (usage) {
    set(ATTR_GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens);
    set(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens);
    set(ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cacheReadInputTokens);
    set(ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, usage.cacheCreationInputTokens);
    set(ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningOutputTokens);
  }
  set(ATTR_GEN_AI_OPENAI_RESPONSE_SERVICE_TIER, facts.serviceTier);
  set(ATTR_GEN_AI_OPENAI_RESPONSE_SYSTEM_FINGERPRINT, facts.systemFingerprint);
  return attributes;
}
