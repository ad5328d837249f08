import type { ResponseFacts } from '../types.js';
import { asInteger, asNonEmptyString, asObject, asString, definedOnly, dig } from '../json-fields.js';

/**
 * A Voyage response: `model` and `usage.total_tokens`. Embedding and rerank calls consume input
 * only, so the total is the input count. Errors are `{"detail": "..."}`.
 */
export function readVoyageResponse(rawBody: unknown): ResponseFacts {
  const body = asObject(rawBody);
  if (!body) return {};
  const detail = asString(body.detail);
  if (detail !== undefined) return { errorMessage: detail };
  const inputTokens = asInteger(dig(body, 'usage', 'total_tokens'));
  return definedOnly({
    responseModel: asNonEmptyString(body.model),
    usage: inputTokens === undefined ? undefined : { inputTokens },
  });
}
