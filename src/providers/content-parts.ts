import { parseJsonOrUndefined } from './json-fields.js';

/**
 * Building blocks of the GenAI conventions' message shape
 * (`{ role, parts: [{ type: 'text', content }], finish_reason }`), shared by every parser that
 * reads content when capture is on.
 */

/**
 * A message that is one text part (a prompt, a completion, a generated text). `content` is
 * unknown because a legacy completions `prompt` is recorded as the request sent it.
 */
export function textMessage(role: string, content: unknown, finishReason?: unknown): unknown {
  return { role, parts: [{ type: 'text', content }], finish_reason: finishReason };
}

/**
 * Tool-call arguments: providers send a JSON string (OpenAI, Cohere, streamed deltas) or an object
 * (Anthropic, Gemini, Ollama). A string is parsed; one that does not parse (a stream cut short)
 * is kept as it came.
 */
export function toolCallArguments(raw: unknown): unknown {
  return typeof raw === 'string' ? (parseJsonOrUndefined(raw) ?? raw) : raw;
}
