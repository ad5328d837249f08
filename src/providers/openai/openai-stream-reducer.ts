import type { EventSourceMessage } from 'eventsource-parser';
import type { ResponseFacts, Usage } from '../types.js';
import type { SseEventReducer } from '../stream/sse-accumulator.js';
import { asArray, asInteger, asNonEmptyString, asObject, asString, definedOnly, dig, parseJsonOrUndefined } from '../json-fields.js';
import { BoundedText } from '../stream/text-buffer.js';
import { readOpenAiError, readOpenAiUsage, readResponsesApiObject } from './read-openai-response.js';
import { isBareChatDelta, isResponsesDelta } from './stream-event-skip.js';
import { toolCallArguments } from '../content-parts.js';

interface ChoiceState {
  finishReason?: string;
  text: BoundedText;
  toolCalls: Map<number, { id?: string; name?: string; args: BoundedText }>;
}

/**
 * Folds an OpenAI-compatible SSE stream into facts. One reducer serves the three stream shapes
 * the API family uses: chat/completions chunks (`choices[].delta`), Responses API events
 * (`response.*` carrying a `response` object) and Assistants run events (`thread.run.*`).
 */
export class OpenAiStreamReducer implements SseEventReducer {
  private responseId?: string;
  private responseModel?: string;
  private usage?: Usage;
  private readonly choices = new Map<number, ChoiceState>();
  private final?: ResponseFacts;
  private error?: Pick<ResponseFacts, 'errorType' | 'errorMessage'>;

  constructor(private readonly captureContent: boolean) {}

  onEvent(event: EventSourceMessage): void {
    if (event.data === '[DONE]') return;
    if (!this.captureContent && this.addsNothing(event.data)) return;
    const data = asObject(parseJsonOrUndefined(event.data));
    if (!data) return;
    const type = asString(data.type);
    const eventName = event.event ?? '';
    if (type?.startsWith('response.') && asObject(data.response)) {
      // Each response.* lifecycle event carries the whole response; the last one wins.
      this.final = readResponsesApiObject(data.response as Record<string, unknown>, this.captureContent);
      return;
    }
    if (eventName.startsWith('thread.run.') && !eventName.startsWith('thread.run.step')) {
      this.readRun(data);
      return;
    }
    if (eventName.startsWith('thread.')) return;
    const error = readOpenAiError(data);
    if (error || type === 'error') {
      this.error = error ?? { errorType: asString(data.code) ?? 'error', errorMessage: asString(data.message) };
    }
    // Some OpenAI-compatible routers (OpenRouter) end a stream that failed after its 200 with a
    // chunk carrying both the `error` and the usage so far; both are kept.
    this.readChunk(data);
  }

  /** Content deltas matter only for content capture; once id and model are known, they add no fact. */
  private addsNothing(data: string): boolean {
    if (this.responseId !== undefined && this.responseModel !== undefined && isBareChatDelta(data)) return true;
    return isResponsesDelta(data);
  }

  private readRun(run: Record<string, unknown>): void {
    this.responseId ??= asNonEmptyString(run.id);
    this.responseModel = asNonEmptyString(run.model) ?? this.responseModel;
    this.usage = readOpenAiUsage(run.usage) ?? this.usage;
    const lastError = asObject(run.last_error);
    if (lastError) this.error = { errorType: asString(lastError.code) ?? 'error', errorMessage: asString(lastError.message) };
  }

  private readChunk(chunk: Record<string, unknown>): void {
    // Azure sends a first chunk with `id: ""` and `model: ""` (prompt filter results).
    this.responseId ??= asNonEmptyString(chunk.id);
    this.responseModel ??= asNonEmptyString(chunk.model);
    this.usage = readOpenAiUsage(chunk.usage) ?? readOpenAiUsage(dig(chunk, 'x_groq', 'usage')) ?? this.usage;
    for (const item of asArray(chunk.choices) ?? []) {
      const choice = asObject(item);
      if (!choice) continue;
      const index = asInteger(choice.index) ?? 0;
      let state = this.choices.get(index);
      if (!state) {
        state = { text: new BoundedText(), toolCalls: new Map() };
        this.choices.set(index, state);
      }
      const reason = asString(choice.finish_reason);
      if (reason) state.finishReason = reason;
      if (this.captureContent) this.readDelta(state, choice);
    }
  }

  private readDelta(state: ChoiceState, choice: Record<string, unknown>): void {
    const delta = asObject(choice.delta);
    state.text.append(delta ? delta.content : choice.text);
    for (const item of asArray(delta?.tool_calls) ?? []) {
      const call = asObject(item);
      if (!call) continue;
      const index = asInteger(call.index) ?? 0;
      let tool = state.toolCalls.get(index);
      if (!tool) {
        tool = { args: new BoundedText() };
        state.toolCalls.set(index, tool);
      }
      tool.id ??= asString(call.id);
      tool.name ??= asString(dig(call, 'function', 'name'));
      tool.args.append(dig(call, 'function', 'arguments'));
    }
  }

  result(): ResponseFacts {
    if (this.final) return definedOnly({ ...this.final, ...this.error });
    const indices = [...this.choices.keys()].sort((a, b) => a - b);
    const finishReasons = indices.map((i) => this.choices.get(i)?.finishReason).filter((r): r is string => !!r);
    const facts: ResponseFacts = {
      responseId: this.responseId,
      responseModel: this.responseModel,
      finishReasons: indices.length > 0 ? finishReasons : undefined,
      usage: this.usage,
      ...this.error,
    };
    if (this.captureContent && indices.length > 0) {
      facts.outputMessages = indices.map((i) => {
        const state = this.choices.get(i)!;
        const parts: unknown[] = state.text.isEmpty ? [] : [{ type: 'text', content: state.text.toString() }];
        for (const tool of state.toolCalls.values()) {
          const args = tool.args.toString();
          parts.push({ type: 'tool_call', id: tool.id, name: tool.name, arguments: toolCallArguments(args) });
        }
        return { role: 'assistant', parts, finish_reason: state.finishReason };
      });
    }
    return definedOnly(facts);
  }
}
