import type { ResponseFacts, Usage } from '../types.js';
import { asArray, asInteger, asNonEmptyString, asObject, asString, definedOnly, type JsonObject } from '../json-fields.js';
import { readOpenAiResponse } from '../openai/read-openai-response.js';
import { usageCounters } from '../usage-counters.js';
import { textMessage } from '../content-parts.js';

/** `{"errors": [{code, message}], "trace", "status_code"}`; the first error names the failure. */
export function readWatsonxError(body: JsonObject): Pick<ResponseFacts, 'errorType' | 'errorMessage'> | undefined {
  const errors = asArray(body.errors);
  if (!errors) return undefined;
  const first = asObject(errors[0]) ?? {};
  return definedOnly({ errorType: asNonEmptyString(first.code) ?? 'error', errorMessage: asString(first.message) });
}

/**
 * One `results` entry per input. The span covers the whole call, so counters of several results
 * are added; the usual single-input call has one result and its counts pass through as they are.
 */
function generationUsage(results: JsonObject[]): Usage | undefined {
  const sum = (key: string) => {
    const counts = results.map((r) => asInteger(r[key])).filter((n): n is number => n !== undefined);
    return counts.length > 0 ? counts.reduce((a, b) => a + b, 0) : undefined;
  };
  return usageCounters({ inputTokens: sum('input_token_count'), outputTokens: sum('generated_token_count') });
}

function readGenerationResults(body: JsonObject, captureContent: boolean): ResponseFacts {
  const results = (asArray(body.results) ?? []).map((r) => asObject(r) ?? {});
  const reasons = results.map((r) => asString(r.stop_reason)).filter((r): r is string => !!r);
  return definedOnly({
    responseModel: asNonEmptyString(body.model_id),
    finishReasons: reasons.length > 0 ? reasons : undefined,
    usage: generationUsage(results),
    outputMessages: captureContent
      ? results.map((r) => textMessage('assistant', asString(r.generated_text) ?? '', asString(r.stop_reason)))
      : undefined,
  });
}

/** A complete (non-streamed) watsonx.ai JSON response. Generation responses carry no id. */
export function readWatsonxResponse(rawBody: unknown, operation: string, captureContent: boolean): ResponseFacts {
  const body = asObject(rawBody);
  if (!body) return {};
  const error = readWatsonxError(body);
  if (error) return error;
  if (operation === 'chat') {
    const facts = readOpenAiResponse(body, captureContent);
    return definedOnly({ ...facts, responseModel: asNonEmptyString(body.model_id) ?? facts.responseModel });
  }
  if (operation === 'embeddings') {
    const inputTokens = asInteger(body.input_token_count);
    return definedOnly({
      responseModel: asNonEmptyString(body.model_id),
      usage: inputTokens === undefined ? undefined : { inputTokens },
    });
  }
  return readGenerationResults(body, captureContent);
}
