import { parseJsonOrUndefined } from './json-fields.js';

/**
 * Building blocks of the GenAI conventions' message shape
 * (`{ role, parts: [{ type: 'text', content }], finish_reason }`), shared by every parser that
 * reads content when capture is on.
 */

/** A message that is one text part (a prompt string, a completion, a generated text). */
export function textMessage(role: string, content: string, finishReason?: unknown): unknown {
  return { role, parts: [{ type: 'text', content }], finish_reason: finishReason ?? undefined };
}

/**
 * Tool-call arguments: providers send a JSON string (OpenAI, Cohere, streamed deltas) or an object
 * (Anthropic, Gemini, Ollama). A string is parsed; one that does not parse (a stream cut short)
 * is kept as it came.
 */
export function toolCallArguments(raw: unknown): unknown {
  return typeof raw === 'string' ? (parseJsonOrUndefined(raw) ?? raw) : raw;
}
