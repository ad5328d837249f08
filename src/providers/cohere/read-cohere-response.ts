import type { ResponseFacts, Usage } from '../types.js';
import { asArray, asInteger, asNonEmptyString, asObject, asString, definedOnly, dig, type JsonObject } from '../json-fields.js';
import { v1ChatOutputMessage, v2OutputParts } from './cohere-content.js';
import { usageCounters } from '../usage-counters.js';
import { textMessage } from '../content-parts.js';

/** Which Cohere endpoint a body belongs to: the API version and the GenAI operation. */
export interface CohereCall {
  version: 1 | 2;
  operation: string;
}

/**
 * Cohere reports two counters: `billed_units` (what the account is charged) and `tokens` (what
 * the model saw, including the prompt template Cohere adds). Usage attributes carry the billed
 * units, the numbers a user reconciles with their bill and that Cohere calls usage (the newest
 * token metrics also ask for billable counts where both are sent). v1 bodies keep them under
 * `meta`, v2 chat under `usage`, beside `cached_tokens`: the prompt tokens served from Cohere's
 * prompt cache.
 */
export function readCohereUsage(body: JsonObject, operation: string): Usage | undefined {
  const billed = asObject(dig(body, 'meta', 'billed_units') ?? dig(body, 'usage', 'billed_units'));
  const cached = asInteger(dig(body, 'usage', 'cached_tokens'));
  if (!billed && cached === undefined) return undefined;
  return usageCounters({
    inputTokens: asInteger(billed?.input_tokens),
    outputTokens: operation === 'embeddings' ? undefined : asInteger(billed?.output_tokens),
    cacheReadInputTokens: cached,
  });
}

/** Cohere error bodies are `{id, message}`; the id names the failed request, not a generation. */
function readCohereError(body: JsonObject): Pick<ResponseFacts, 'errorMessage'> {
  return definedOnly({ errorMessage: asString(body.message) });
}

function v1Facts(body: JsonObject, call: CohereCall, captureContent: boolean): ResponseFacts {
  if (call.operation === 'chat') {
    const reason = asString(body.finish_reason);
    return {
      responseId: asNonEmptyString(body.response_id),
      finishReasons: reason ? [reason] : undefined,
      outputMessages: captureContent ? [v1ChatOutputMessage(body)] : undefined,
    };
  }
  if (call.operation === 'text_completion') {
    const generations = (asArray(body.generations) ?? []).map((g) => asObject(g) ?? {});
    const reasons = generations.map((g) => asString(g.finish_reason)).filter((r): r is string => !!r);
    return {
      responseId: asNonEmptyString(body.id),
      finishReasons: reasons.length > 0 ? reasons : undefined,
      outputMessages: captureContent
        ? generations.map((g) => textMessage('assistant', asString(g.text) ?? '', asString(g.finish_reason)))
        : undefined,
    };
  }
  return { responseId: asNonEmptyString(body.id) };
}

function v2Facts(body: JsonObject, call: CohereCall, captureContent: boolean): ResponseFacts {
  if (call.operation !== 'chat') return { responseId: asNonEmptyString(body.id) };
  const reason = asString(body.finish_reason);
  const message = asObject(body.message);
  return {
    responseId: asNonEmptyString(body.id),
    finishReasons: reason ? [reason] : undefined,
    outputMessages:
      captureContent && message ? [{ role: 'assistant', parts: v2OutputParts(message), finish_reason: reason }] : undefined,
  };
}

/** A complete (non-streamed) Cohere JSON response, or the final `response` of a v1 stream. */
export function readCohereResponse(rawBody: unknown, call: CohereCall, status: number, captureContent: boolean): ResponseFacts {
  const body = asObject(rawBody);
  if (!body) return {};
  if (status >= 400) return readCohereError(body);
  const facts = call.version === 1 ? v1Facts(body, call, captureContent) : v2Facts(body, call, captureContent);
  facts.usage = readCohereUsage(body, call.operation);
  return definedOnly(facts);
}
