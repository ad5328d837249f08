import type { ResponseFacts, Usage } from '../types.js';
import { asArray, asInteger, asNonEmptyString, asObject, asString, definedOnly, dig } from '../json-fields.js';
import { chatOutputMessage, responsesOutputMessages } from './openai-content.js';
import { textMessage } from '../content-parts.js';

/**
 * `usage` in either OpenAI shape: chat/completions (`prompt_tokens`) or Responses API
 * (`input_tokens`). Groq streams carry it under `x_groq.usage`. Each counter is the provider's
 * own; nothing is summed or derived.
 */
/**
 * Cached input tokens: chat `prompt_tokens_details`, Responses `input_tokens_details`, Assistants
 * runs `prompt_token_details` (sic), and DeepSeek's own `prompt_cache_hit_tokens` where it sends no
 * details object.
 */
function cachedInputTokens(u: Record<string, unknown>): number | undefined {
  return (
    asInteger(dig(u, 'prompt_tokens_details', 'cached_tokens')) ??
    asInteger(dig(u, 'input_tokens_details', 'cached_tokens')) ??
    asInteger(dig(u, 'prompt_token_details', 'cached_tokens')) ??
    asInteger(u.prompt_cache_hit_tokens)
  );
}

/** Audio tokens of the audio-capable chat models, the one modality the chat usage breaks out. */
function audioTokens(details: unknown): { audio: number } | undefined {
  const audio = asInteger(dig(details, 'audio_tokens'));
  return audio === undefined ? undefined : { audio };
}

export function readOpenAiUsage(usage: unknown): Usage | undefined {
  const u = asObject(usage);
  if (!u) return undefined;
  return definedOnly({
    inputTokens: asInteger(u.prompt_tokens) ?? asInteger(u.input_tokens),
    outputTokens: asInteger(u.completion_tokens) ?? asInteger(u.output_tokens),
    cacheReadInputTokens: cachedInputTokens(u),
    reasoningOutputTokens:
      asInteger(dig(u, 'completion_tokens_details', 'reasoning_tokens')) ??
      asInteger(dig(u, 'output_tokens_details', 'reasoning_tokens')),
    inputTokensByModality: audioTokens(u.prompt_tokens_details),
    outputTokensByModality: audioTokens(u.completion_tokens_details),
  });
}

/**
 * Embeddings have input tokens only; some providers (Mistral) also send `completion_tokens: 0`,
 * which is not an output count the conventions define for embeddings.
 */
function embeddingsUsage(usage: unknown): Usage | undefined {
  const inputTokens = readOpenAiUsage(usage)?.inputTokens;
  return inputTokens === undefined ? undefined : { inputTokens };
}

/** `{"error": {"type"|"code", "message"}}`, the OpenAI-compatible error body. */
export function readOpenAiError(body: unknown): Pick<ResponseFacts, 'errorType' | 'errorMessage'> | undefined {
  const error = asObject(asObject(body)?.error);
  if (!error) return undefined;
  const code = error.code;
  return definedOnly({
    errorType: asNonEmptyString(error.type) ?? asNonEmptyString(code) ?? (typeof code === 'number' ? String(code) : undefined),
    errorMessage: asString(error.message),
  });
}

/** Finish reasons in choice-index order, raw. */
export function finishReasonsByIndex(choices: unknown): string[] | undefined {
  const list = asArray(choices);
  if (!list) return undefined;
  const indexed = list
    .map((c, position) => ({ index: asInteger(asObject(c)?.index) ?? position, reason: asObject(c)?.finish_reason }))
    .sort((a, b) => a.index - b.index);
  return indexed.map((c) => c.reason).filter((r): r is string => typeof r === 'string');
}

/** A complete (non-streamed) OpenAI-compatible JSON response body. */
export function readOpenAiResponse(rawBody: unknown, captureContent: boolean, operation?: string): ResponseFacts {
  const body = asObject(rawBody);
  if (!body) return {};
  const error = readOpenAiError(body);
  if (error) return error;
  const object = asString(body.object);
  if (object === 'response') return readResponsesApiObject(body, captureContent);
  const facts: ResponseFacts = {
    responseId: asNonEmptyString(body.id),
    responseModel: asNonEmptyString(body.model),
    finishReasons: finishReasonsByIndex(body.choices),
    usage: operation === 'embeddings' ? embeddingsUsage(body.usage) : readOpenAiUsage(body.usage),
    serviceTier: asNonEmptyString(body.service_tier),
    systemFingerprint: asNonEmptyString(body.system_fingerprint),
  };
  if (captureContent && Array.isArray(body.choices)) {
    facts.outputMessages = body.choices.map((c) => {
      const choice = asObject(c) ?? {};
      return choice.message !== undefined
        ? chatOutputMessage(choice.message, choice.finish_reason)
        : textMessage('assistant', asString(choice.text) ?? '', choice.finish_reason);
    });
  }
  return definedOnly(facts);
}

/** A Responses API `response` object (also the payload of `response.completed` stream events). */
export function readResponsesApiObject(body: Record<string, unknown>, captureContent: boolean): ResponseFacts {
  const error = asObject(body.error);
  return definedOnly({
    responseId: asNonEmptyString(body.id),
    responseModel: asNonEmptyString(body.model),
    usage: readOpenAiUsage(body.usage),
    errorType: error ? (asNonEmptyString(error.code) ?? 'error') : undefined,
    errorMessage: error ? asString(error.message) : undefined,
    serviceTier: asNonEmptyString(body.service_tier),
    systemFingerprint: asNonEmptyString(body.system_fingerprint),
    outputMessages: captureContent ? responsesOutputMessages(body.output) : undefined,
  });
}
