import type { ResponseFacts, Usage } from '../types.js';
import { asArray, asInteger, asNonEmptyString, asObject, asString, definedOnly, type JsonObject } from '../json-fields.js';
import { usageCounters } from '../usage-counters.js';
import { textMessage } from '../content-parts.js';

/**
 * `num_tokens_prompt_total` / `num_tokens_generated`. Responses name a `model_version` (a date
 * like `2022-04`), not a model, so no response model is recorded.
 */
export function readAlephAlphaUsage(body: JsonObject, operation: string): Usage | undefined {
  return usageCounters({
    inputTokens: asInteger(body.num_tokens_prompt_total),
    outputTokens: operation === 'embeddings' ? undefined : asInteger(body.num_tokens_generated),
  });
}

/** Error bodies: `{"error": "<message>", "code": "<CODE>"}`. */
export function readAlephAlphaError(body: JsonObject): Pick<ResponseFacts, 'errorType' | 'errorMessage'> | undefined {
  const message = asString(body.error) ?? asString(body.message);
  if (message === undefined) return undefined;
  return definedOnly({ errorType: asNonEmptyString(body.code), errorMessage: message });
}

/** A complete (non-streamed) Aleph Alpha JSON response. */
export function readAlephAlphaResponse(rawBody: unknown, operation: string, captureContent: boolean): ResponseFacts {
  const body = asObject(rawBody);
  if (!body) return {};
  const error = readAlephAlphaError(body);
  if (error) return error;
  const completions = (asArray(body.completions) ?? []).map((c) => asObject(c) ?? {});
  const reasons = completions.map((c) => asString(c.finish_reason)).filter((r): r is string => !!r);
  return definedOnly({
    finishReasons: reasons.length > 0 ? reasons : undefined,
    usage: readAlephAlphaUsage(body, operation),
    outputMessages:
      captureContent && operation === 'text_completion'
        ? completions.map((c) => textMessage('assistant', asString(c.completion) ?? '', asString(c.finish_reason)))
        : undefined,
  });
}
