import type { ResponseFacts, Usage } from '../types.js';
import { asInteger, asNonEmptyString, asObject, asString, definedOnly, type JsonObject } from '../json-fields.js';
import { ollamaMessageParts } from './ollama-content.js';
import { usageCounters } from '../usage-counters.js';

/**
 * Ollama counts prompt tokens evaluated (`prompt_eval_count`) and tokens generated
 * (`eval_count`). A prompt served from Ollama's cache may report fewer prompt tokens; the
 * counters are recorded as Ollama gives them.
 */
function readOllamaUsage(body: JsonObject, operation: string): Usage | undefined {
  return usageCounters({
    inputTokens: asInteger(body.prompt_eval_count),
    outputTokens: operation === 'embeddings' ? undefined : asInteger(body.eval_count),
  });
}

/**
 * `{"error": "..."}`: the whole body of a 4xx/5xx, or a line in a stream that failed midway.
 * In a 2xx stream it is the only sign of failure, so it also sets an error type.
 */
export function readOllamaError(body: JsonObject, status: number): Pick<ResponseFacts, 'errorType' | 'errorMessage'> | undefined {
  const message = asString(body.error);
  if (message === undefined) return undefined;
  return definedOnly({ errorMessage: message, errorType: status < 400 ? 'error' : undefined });
}

/** Facts from one final Ollama object: a whole JSON response, or the `done: true` line of a stream. */
export function readOllamaFinal(body: JsonObject, operation: string): ResponseFacts {
  const reason = asString(body.done_reason);
  return definedOnly({
    responseModel: asNonEmptyString(body.model),
    finishReasons: reason ? [reason] : undefined,
    usage: readOllamaUsage(body, operation),
  });
}

/** A complete (non-streamed) Ollama JSON response. Ollama responses have no id. */
export function readOllamaResponse(rawBody: unknown, operation: string, status: number, captureContent: boolean): ResponseFacts {
  const body = asObject(rawBody);
  if (!body) return {};
  const error = readOllamaError(body, status);
  if (error) return error;
  const facts = readOllamaFinal(body, operation);
  if (captureContent && operation !== 'embeddings') {
    const message = asObject(body.message);
    const parts = message ? ollamaMessageParts(message) : [{ type: 'text', content: asString(body.response) ?? '' }];
    facts.outputMessages = [{ role: 'assistant', parts, finish_reason: facts.finishReasons?.[0] }];
  }
  return facts;
}
