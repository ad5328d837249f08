import type { ResponseFacts, Usage } from '../types.js';
import { asInteger, asNonEmptyString, asObject, definedOnly, dig } from '../json-fields.js';
import { converseOutputMessage } from './converse-content.js';

/**
 * Converse `usage` (TokenUsage). Cache counters are `cacheReadInputTokens`/`cacheWriteInputTokens`
 * in the Converse API; Nova's model-native bodies and some Converse responses spell them
 * `...InputTokenCount`. Write tokens are what the conventions call cache creation.
 */
export function readConverseUsage(raw: unknown): Usage | undefined {
  const usage = asObject(raw);
  if (!usage) return undefined;
  return definedOnly({
    inputTokens: asInteger(usage.inputTokens),
    outputTokens: asInteger(usage.outputTokens),
    cacheReadInputTokens: asInteger(usage.cacheReadInputTokens) ?? asInteger(usage.cacheReadInputTokenCount),
    cacheCreationInputTokens: asInteger(usage.cacheWriteInputTokens) ?? asInteger(usage.cacheWriteInputTokenCount),
  });
}

/**
 * A Converse response, or a Nova InvokeModel response (same `output.message` / `stopReason` /
 * `usage` shape). The stop reason is raw (`end_turn`, `guardrail_intervened`, ...). Converse
 * names no response id or model.
 */
export function readConverseResponse(rawBody: unknown, captureContent: boolean): ResponseFacts {
  const body = asObject(rawBody);
  if (!body) return {};
  const stopReason = asNonEmptyString(body.stopReason);
  const message = dig(body, 'output', 'message');
  return definedOnly({
    finishReasons: stopReason ? [stopReason] : undefined,
    usage: readConverseUsage(body.usage),
    outputMessages: captureContent && message !== undefined ? [converseOutputMessage(message, stopReason)] : undefined,
  });
}
