import type { ResponseFacts, Usage } from '../types.js';
import { asInteger, asNonEmptyString, asObject, asString, definedOnly } from '../json-fields.js';
import { pick } from './google-content.js';
import { usageCounters } from '../usage-counters.js';

/**
 * `usageMetadata`, each counter as the API reports it: `candidatesTokenCount` excludes
 * `thoughtsTokenCount` (reported as reasoning tokens), and `cachedContentTokenCount` is part of
 * `promptTokenCount`. Nothing is summed. Undefined when no counter is present: stream chunks
 * before the last carry only `trafficType`.
 */
export function readGoogleUsage(usageMetadata: unknown): Usage | undefined {
  const u = asObject(usageMetadata);
  if (!u) return undefined;
  return usageCounters({
    inputTokens: asInteger(pick(u, 'promptTokenCount', 'prompt_token_count')),
    outputTokens: asInteger(pick(u, 'candidatesTokenCount', 'candidates_token_count')),
    cacheReadInputTokens: asInteger(pick(u, 'cachedContentTokenCount', 'cached_content_token_count')),
    reasoningOutputTokens: asInteger(pick(u, 'thoughtsTokenCount', 'thoughts_token_count')),
  });
}

/**
 * `{"error": {"code", "message", "status"}}`, the Google API error body. `status` is the
 * canonical code name (`INVALID_ARGUMENT`, `NOT_FOUND`), the error's type; `code` repeats the
 * HTTP status and is the fallback.
 */
export function readGoogleError(body: unknown): Pick<ResponseFacts, 'errorType' | 'errorMessage'> | undefined {
  const error = asObject(asObject(body)?.error);
  if (!error) return undefined;
  const code = asInteger(error.code);
  return definedOnly({
    errorType: asNonEmptyString(error.status) ?? (code !== undefined ? String(code) : 'error'),
    errorMessage: asString(error.message),
  });
}
