import type { RequestFacts } from '../types.js';
import { asInteger, asNumber, asObject, asString, asStringList, definedOnly } from '../json-fields.js';
import { googleInputMessages, googleSystemInstructions, googleToolDefinitions, pick } from './google-content.js';
import { requestChoiceCount } from '../request-choice-count.js';

/** `responseMimeType` -> gen_ai.output.type. */
function outputTypeOf(mimeType: string | undefined): string | undefined {
  if (mimeType === 'application/json') return 'json';
  if (mimeType === 'text/plain') return 'text';
  return undefined;
}

/**
 * Facts from a `:generateContent` / `:streamGenerateContent` request body. The model is in the
 * URL, not the body, so `urlModel` names it; the stream flag is the method's, not a body field.
 */
export function parseGenerateContentRequest(
  base: { provider: string; operation: string; urlModel?: string; stream: boolean },
  rawBody: unknown,
  captureContent: boolean,
): RequestFacts {
  const body = asObject(rawBody) ?? {};
  const config = asObject(pick(body, 'generationConfig', 'generation_config'));
  const candidateCount = asInteger(pick(config, 'candidateCount', 'candidate_count'));
  const facts: RequestFacts = {
    provider: base.provider,
    operation: base.operation,
    model: base.urlModel,
    stream: base.stream,
    temperature: asNumber(config?.temperature),
    topP: asNumber(pick(config, 'topP', 'top_p')),
    topK: asNumber(pick(config, 'topK', 'top_k')),
    maxTokens: asInteger(pick(config, 'maxOutputTokens', 'max_output_tokens')),
    stopSequences: asStringList(pick(config, 'stopSequences', 'stop_sequences')),
    presencePenalty: asNumber(pick(config, 'presencePenalty', 'presence_penalty')),
    frequencyPenalty: asNumber(pick(config, 'frequencyPenalty', 'frequency_penalty')),
    seed: asInteger(config?.seed),
    choiceCount: requestChoiceCount(candidateCount),
    outputType: outputTypeOf(asString(pick(config, 'responseMimeType', 'response_mime_type'))),
  };
  if (captureContent) {
    facts.content = definedOnly({
      inputMessages: googleInputMessages(body.contents),
      systemInstructions: googleSystemInstructions(pick(body, 'systemInstruction', 'system_instruction')),
      toolDefinitions: googleToolDefinitions(body.tools),
    });
  }
  return definedOnly(facts);
}
