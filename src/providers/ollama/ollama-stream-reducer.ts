import type { ResponseFacts } from '../types.js';
import { asNonEmptyString, asObject, definedOnly } from '../json-fields.js';
import { BoundedText } from '../stream/text-buffer.js';
import { ollamaToolCallParts } from './ollama-content.js';
import { readOllamaError, readOllamaFinal } from './read-ollama-response.js';

/**
 * Folds an Ollama NDJSON stream into facts. Every line names the model; the `done: true` line
 * has the finish reason and the counters. Text (`message.content` for chat, `response` for
 * generate), thinking and tool calls are kept only for content capture.
 */
export class OllamaStreamReducer {
  private facts: ResponseFacts = {};
  private error?: Pick<ResponseFacts, 'errorType' | 'errorMessage'>;
  private readonly text = new BoundedText();
  private readonly thinking = new BoundedText();
  private readonly toolCalls: unknown[] = [];

  constructor(
    private readonly operation: string,
    private readonly status: number,
    private readonly captureContent: boolean,
  ) {}

  onLine(value: unknown): void {
    const line = asObject(value);
    if (!line) return;
    const error = readOllamaError(line, this.status);
    if (error) {
      this.error = error;
      return;
    }
    if (line.done === true) this.facts = readOllamaFinal(line, this.operation);
    else this.facts.responseModel ??= asNonEmptyString(line.model);
    if (!this.captureContent) return;
    const message = asObject(line.message);
    this.text.append(message ? message.content : line.response);
    this.thinking.append(message ? message.thinking : line.thinking);
    if (message) this.toolCalls.push(...ollamaToolCallParts(message.tool_calls));
  }

  result(): ResponseFacts {
    const facts: ResponseFacts = { ...this.facts, ...this.error };
    if (this.captureContent) {
      const parts: unknown[] = [];
      if (!this.thinking.isEmpty) parts.push({ type: 'reasoning', content: this.thinking.toString() });
      if (!this.text.isEmpty) parts.push({ type: 'text', content: this.text.toString() });
      parts.push(...this.toolCalls);
      if (parts.length > 0) facts.outputMessages = [{ role: 'assistant', parts, finish_reason: facts.finishReasons?.[0] }];
    }
    return definedOnly(facts);
  }
}
