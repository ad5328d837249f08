import type { RequestFacts } from '../types.js';
import { asInteger, asNonEmptyString, asNumber, asObject, asString, asStringList, definedOnly, type JsonObject } from '../json-fields.js';
import { parseOpenAiRequest } from '../openai/parse-openai-request.js';
import { textMessage } from '../content-parts.js';

/** One watsonx.ai endpoint: its operation and whether its path streams. */
export interface WatsonxCall {
  operation: string;
  stream: boolean;
}

/**
 * Text generation puts sampling under `parameters` (max_new_tokens, random_seed, ...). Greedy
 * decoding ignores temperature/top_p/top_k, but they are recorded as sent.
 */
function generationParameters(parameters: JsonObject): Partial<RequestFacts> {
  return {
    temperature: asNumber(parameters.temperature),
    topP: asNumber(parameters.top_p),
    topK: asInteger(parameters.top_k),
    maxTokens: asInteger(parameters.max_new_tokens),
    stopSequences: asStringList(parameters.stop_sequences),
    seed: asInteger(parameters.random_seed),
  };
}

/** Facts from a watsonx.ai request body; the model is `model_id`. */
export function parseWatsonxRequest(base: WatsonxCall & { provider: string }, rawBody: unknown, captureContent: boolean): RequestFacts {
  const body = asObject(rawBody) ?? {};
  const model = asNonEmptyString(body.model_id);
  if (base.operation === 'chat') {
    // The chat API takes OpenAI-style messages and parameters at the top level.
    const facts = parseOpenAiRequest(
      { provider: base.provider, operation: base.operation, urlModel: model, path: '/text/chat' },
      body,
      captureContent,
    );
    return definedOnly({ ...facts, model: model ?? facts.model, stream: base.stream });
  }
  const facts: RequestFacts = { provider: base.provider, operation: base.operation, model, stream: base.stream };
  if (base.operation === 'embeddings') return definedOnly(facts);
  Object.assign(facts, generationParameters(asObject(body.parameters) ?? {}));
  if (captureContent) {
    facts.content = { inputMessages: [textMessage('user', asString(body.input) ?? '')] };
  }
  return definedOnly(facts);
}
