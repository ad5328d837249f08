import type { Usage, UsageCounting } from '../providers/types.js';

/** Input and output totals as the newest conventions define them. */
export interface InclusiveTotals {
  inputTokens?: number;
  outputTokens?: number;
}

/**
 * The newest conventions' totals (semantic-conventions-genai, gen-ai registry: input tokens
 * "SHOULD include all types of input tokens, including cached tokens", reasoning tokens "SHOULD
 * be included in output_tokens"), formed from the provider's own counters and how its API counts
 * them. A provider whose totals already include those parts (OpenAI) keeps its numbers; Anthropic
 * and Bedrock input adds cache reads and writes, Gemini output adds thoughts. Nothing is invented:
 * a missing total stays missing.
 */
export function inclusiveTotals(usage: Usage, counting: UsageCounting | undefined): InclusiveTotals {
  const { inputTokens, outputTokens } = usage;
  return {
    inputTokens:
      inputTokens !== undefined && counting?.inputExcludesCache
        ? inputTokens + (usage.cacheReadInputTokens ?? 0) + (usage.cacheCreationInputTokens ?? 0)
        : inputTokens,
    outputTokens:
      outputTokens !== undefined && counting?.outputExcludesReasoning ? outputTokens + (usage.reasoningOutputTokens ?? 0) : outputTokens,
  };
}
