import type { RequestFacts } from '../types.js';
import { asArray, asBoolean, asInteger, asNonEmptyString, asNumber, asObject, asString, asStringList, definedOnly } from '../json-fields.js';
import { requestChoiceCount } from '../request-choice-count.js';
import { textMessage } from '../content-parts.js';

/**
 * A `/complete` prompt is a string or a list of items ({type: text|image|token_ids, data});
 * only text items are conversation content.
 */
function promptText(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  return (asArray(prompt) ?? [])
    .map((item) => asObject(item))
    .filter((item) => asString(item?.type) === 'text')
    .map((item) => asString(item?.data) ?? '')
    .join('');
}

/** Facts from an Aleph Alpha request body. Sampling parameters are recorded as sent. */
export function parseAlephAlphaRequest(base: { provider: string; operation: string }, rawBody: unknown, captureContent: boolean): RequestFacts {
  const body = asObject(rawBody) ?? {};
  const facts: RequestFacts = {
    provider: base.provider,
    operation: base.operation,
    model: asNonEmptyString(body.model),
    stream: asBoolean(body.stream) ?? false,
  };
  if (base.operation !== 'text_completion') return definedOnly(facts);
  const n = asInteger(body.n);
  Object.assign(facts, {
    temperature: asNumber(body.temperature),
    topP: asNumber(body.top_p),
    topK: asInteger(body.top_k),
    maxTokens: asInteger(body.maximum_tokens),
    stopSequences: asStringList(body.stop_sequences),
    frequencyPenalty: asNumber(body.frequency_penalty),
    presencePenalty: asNumber(body.presence_penalty),
    choiceCount: requestChoiceCount(n),
  });
  if (captureContent) {
    facts.content = { inputMessages: [textMessage('user', promptText(body.prompt))] };
  }
  return definedOnly(facts);
}
