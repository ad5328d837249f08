import type { RequestFacts } from '../types.js';
import { asInteger, asNumber, asObject, asStringList, definedOnly, type JsonObject } from '../json-fields.js';
import {
  GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION,
} from '../../semconv.js';
import { invokeInputContent } from './invoke-content.js';
import { requestChoiceCount } from '../request-choice-count.js';

/**
 * InvokeModel bodies are model-native: each family names the same parameters differently
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html). Nova nests them in
 * `inferenceConfig`, Titan text in `textGenerationConfig`; the others put them at the top level.
 * Names are listed in the order we look for them.
 */
const MAX_TOKENS_KEYS = [
  'max_tokens', // Anthropic messages, Mistral, Cohere, OpenAI-compatible (Jamba, gpt-oss)
  'max_tokens_to_sample', // Anthropic text completions (Claude v2, Instant)
  'max_gen_len', // Meta Llama
  'maxTokens', // Nova, AI21 Jurassic-2
  'maxTokenCount', // Titan text
  'max_new_tokens', // Nova (snake-case spelling it also accepts)
  'max_completion_tokens',
];
const TOP_P_KEYS = ['top_p', 'topP', 'p'];
const TOP_K_KEYS = ['top_k', 'topK', 'k'];
const STOP_KEYS = ['stop_sequences', 'stopSequences', 'stop'];

function firstOf<T>(containers: JsonObject[], keys: string[], read: (v: unknown) => T | undefined): T | undefined {
  for (const container of containers) {
    for (const key of keys) {
      const value = read(container[key]);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/**
 * Chat when the body carries a conversation (`messages`, or Cohere Command R's `message`);
 * text completion when it carries a bare prompt (`prompt`, Titan's `inputText`), as the corpus
 * README classifies them. Embedding models take `inputText`/`texts` too, so the model id decides
 * those first.
 */
export function invokeOperationOf(body: JsonObject, modelId: string): string {
  if (/embed/i.test(modelId) || Array.isArray(body.texts)) return GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS;
  if (Array.isArray(body.messages) || typeof body.message === 'string') return GEN_AI_OPERATION_NAME_VALUE_CHAT;
  if (body.prompt !== undefined || body.inputText !== undefined) return GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION;
  // Unreadable body (a stream the app pipes, or not yet written): the common case today.
  return GEN_AI_OPERATION_NAME_VALUE_CHAT;
}

export function parseInvokeRequest(
  base: { provider: string; model: string; stream: boolean },
  rawBody: unknown,
  captureContent: boolean,
): RequestFacts {
  const body = asObject(rawBody) ?? {};
  const containers = [asObject(body.inferenceConfig), asObject(body.textGenerationConfig), body].filter(
    (c): c is JsonObject => c !== undefined,
  );
  const n = asInteger(body.n);
  const facts: RequestFacts = {
    provider: base.provider,
    operation: invokeOperationOf(body, base.model),
    model: base.model,
    stream: base.stream,
    maxTokens: firstOf(containers, MAX_TOKENS_KEYS, asInteger),
    temperature: firstOf(containers, ['temperature'], asNumber),
    topP: firstOf(containers, TOP_P_KEYS, asNumber),
    topK: firstOf(containers, TOP_K_KEYS, asNumber),
    stopSequences: firstOf(containers, STOP_KEYS, asStringList),
    seed: asInteger(body.seed),
    frequencyPenalty: asNumber(body.frequency_penalty),
    presencePenalty: asNumber(body.presence_penalty),
    choiceCount: requestChoiceCount(n),
  };
  if (facts.operation === GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS) {
    // Cohere Embed `embedding_types`, Titan Embeddings v2 `embeddingTypes`.
    facts.encodingFormats = asStringList(body.embedding_types) ?? asStringList(body.embeddingTypes);
  }
  if (captureContent) facts.content = invokeInputContent(body);
  return definedOnly(facts);
}
