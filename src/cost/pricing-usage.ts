import type { Usage } from '../providers/types.js';

/**
 * The usage shape `calcPrice` of `@pydantic/genai-prices` reads (keys from its `units` table).
 * A type alias, not an interface, so it fits the package's `Record<string, number>` parameter.
 */
export type PricingUsage = {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens?: number;
  cache_write_tokens?: number;
  output_reasoning_tokens?: number;
};

/**
 * Providers whose input count leaves out cache reads and writes (Anthropic `usage.input_tokens`,
 * Bedrock Converse `inputTokens`); the price table wants the total, of which the cache counts
 * are parts. OpenAI-style `prompt_tokens` already include `cached_tokens`.
 */
const INPUT_EXCLUDES_CACHE = new Set(['anthropic', 'aws.bedrock']);

/**
 * Providers whose output count leaves out reasoning (Gemini `candidatesTokenCount` does not
 * include `thoughtsTokenCount`); thinking is billed as output, so it is added back.
 */
const OUTPUT_EXCLUDES_REASONING = new Set(['gcp.gemini', 'gcp.vertex_ai', 'gcp.gen_ai']);

/**
 * Our usage facts (each provider's own counters, as the span shows them) -> the price table's
 * partitioned usage. Undefined when there is nothing to price (no input and no output count).
 */
export function pricingUsageOf(providerName: string, usage: Usage | undefined): PricingUsage | undefined {
  if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return undefined;
  const cacheRead = usage.cacheReadInputTokens ?? 0;
  const cacheWrite = usage.cacheCreationInputTokens ?? 0;
  const reasoning = usage.reasoningOutputTokens ?? 0;
  let input = usage.inputTokens ?? 0;
  let output = usage.outputTokens ?? 0;
  if (INPUT_EXCLUDES_CACHE.has(providerName)) input += cacheRead + cacheWrite;
  if (OUTPUT_EXCLUDES_REASONING.has(providerName)) output += reasoning;
  const priced: PricingUsage = { input_tokens: input, output_tokens: output };
  if (cacheRead > 0) priced.cache_read_tokens = cacheRead;
  if (cacheWrite > 0) priced.cache_write_tokens = cacheWrite;
  if (reasoning > 0) priced.output_reasoning_tokens = reasoning;
  return priced;
}
