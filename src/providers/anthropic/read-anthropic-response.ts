import type { ResponseFacts, Usage } from '../types.js';
import { asInteger, asNonEmptyString, asObject, asString, definedOnly, dig } from '../json-fields.js';
import { anthropicOutputMessage } from './anthropic-content.js';
import { usageCounters } from '../usage-counters.js';
import { textMessage } from '../content-parts.js';

/**
 * Anthropic `usage`, each counter as the API reports it. `input_tokens` excludes the cache read
 * and cache creation tokens, which come separately; nothing is summed here (a backend that wants
 * the total prompt size adds the three). `output_tokens_details.thinking_tokens` is the part of
 * `output_tokens` spent on extended thinking, on models that report it.
 */
export function readAnthropicUsage(usage: unknown): Usage | undefined {
  const u = asObject(usage);
  if (!u) return undefined;
  return usageCounters({
    inputTokens: asInteger(u.input_tokens),
    outputTokens: asInteger(u.output_tokens),
    cacheReadInputTokens: asInteger(u.cache_read_input_tokens),
    cacheCreationInputTokens: asInteger(u.cache_creation_input_tokens),
    reasoningOutputTokens: asInteger(dig(u, 'output_tokens_details', 'thinking_tokens')),
  });
}

/** `{"type": "error", "error": {"type", "message"}}`, the Anthropic error body (also a stream event). */
export function readAnthropicError(body: unknown): Pick<ResponseFacts, 'errorType' | 'errorMessage'> | undefined {
  const error = asObject(asObject(body)?.error);
  if (!error) return undefined;
  return definedOnly({ errorType: asNonEmptyString(error.type) ?? 'error', errorMessage: asString(error.message) });
}

/**
 * A complete (non-streamed) body: a Messages API `message`, a legacy `completion`, or an error.
 * The stop reason is kept raw (`end_turn`, `tool_use`, `max_tokens`, `stop_sequence`, ...).
 */
export function readAnthropicResponse(rawBody: unknown, captureContent: boolean): ResponseFacts {
  const body = asObject(rawBody);
  if (!body) return {};
  const error = readAnthropicError(body);
  if (error) return error;
  const stopReason = asString(body.stop_reason);
  const facts: ResponseFacts = {
    responseId: asNonEmptyString(body.id),
    responseModel: asNonEmptyString(body.model),
    finishReasons: stopReason ? [stopReason] : undefined,
    usage: readAnthropicUsage(body.usage),
  };
  if (captureContent) {
    facts.outputMessages =
      asString(body.type) === 'completion'
        ? [textMessage('assistant', asString(body.completion) ?? '', stopReason)]
        : [anthropicOutputMessage(body.content, stopReason)];
  }
  return definedOnly(facts);
}
