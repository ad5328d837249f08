import type { InputModality, OutputModality, ResponseFacts, Usage } from '../types.js';
import { asArray, asInteger, asNonEmptyString, asObject, asString, definedOnly } from '../json-fields.js';
import { pick } from './google-content.js';
import { usageCounters } from '../usage-counters.js';

/**
 * `Modality` of a `ModalityTokenCount`, by name or (with `enum-encoding=int`) by number:
 * TEXT = 1, IMAGE = 2, VIDEO = 3, AUDIO = 4 (DOCUMENT = 5 has no usage attribute in the conventions).
 */
const MODALITIES: Readonly<Record<string, InputModality>> = {
  TEXT: 'text', IMAGE: 'image', VIDEO: 'video', AUDIO: 'audio', 1: 'text', 2: 'image', 3: 'video', 4: 'audio',
};
const OUTPUT_MODALITIES: ReadonlySet<string> = new Set<OutputModality>(['text', 'audio']);

/** `promptTokensDetails` / `candidatesTokensDetails` summed per modality, those the conventions count. */
function tokensByModality(details: unknown, output: boolean): Record<string, number> | undefined {
  const counts: Record<string, number> = {};
  for (const item of asArray(details) ?? []) {
    const entry = asObject(item);
    const modality = MODALITIES[String(entry?.modality ?? '')];
    const tokens = asInteger(pick(entry ?? {}, 'tokenCount', 'token_count'));
    if (!modality || tokens === undefined || (output && !OUTPUT_MODALITIES.has(modality))) continue;
    counts[modality] = (counts[modality] ?? 0) + tokens;
  }
  return Object.keys(counts).length > 0 ? counts : undefined;
}

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
    inputTokensByModality: tokensByModality(pick(u, 'promptTokensDetails', 'prompt_tokens_details'), false),
    outputTokensByModality: tokensByModality(pick(u, 'candidatesTokensDetails', 'candidates_tokens_details'), true),
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
