import type { Usage } from '../types.js';
import { usageCounters } from '../usage-counters.js';

/**
 * InvokeModel reports token counts in response headers, and for some model families (Claude v2
 * text, Cohere Command, AI21 Jurassic-2) nowhere else.
 */
const HEADER_COUNTERS: ReadonlyArray<readonly [keyof Usage, string]> = [
  ['inputTokens', 'x-amzn-bedrock-input-token-count'],
  ['outputTokens', 'x-amzn-bedrock-output-token-count'],
  ['cacheReadInputTokens', 'x-amzn-bedrock-cache-read-input-token-count'],
  ['cacheCreationInputTokens', 'x-amzn-bedrock-cache-write-input-token-count'],
];

function headerCount(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

export function usageFromHeaders(headers: Record<string, string>): Usage | undefined {
  const counts: Usage = {};
  for (const [field, header] of HEADER_COUNTERS) counts[field] = headerCount(headers[header]);
  return usageCounters(counts);
}

/** The body's counters where it has them; the headers fill only the gaps (never a sum). */
export function withHeaderUsage(body: Usage | undefined, headers: Usage | undefined): Usage | undefined {
  if (!headers) return body;
  return { ...headers, ...body };
}
