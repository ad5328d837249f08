import type { EventSourceMessage } from 'eventsource-parser';
import type { ResponseFacts, Usage } from '../types.js';
import type { SseEventReducer } from '../stream/sse-accumulator.js';
import { asInteger, asNonEmptyString, asObject, asString, definedOnly, parseJsonOrUndefined, type JsonObject } from '../json-fields.js';
import { BoundedText } from '../stream/text-buffer.js';
import { contentParts } from './anthropic-content.js';
import { readAnthropicError, readAnthropicUsage } from './read-anthropic-response.js';
import { textMessage } from '../content-parts.js';
import { toolCallArguments } from '../content-parts.js';

/** One content block as its deltas arrive (kept only when content is captured). */
interface BlockState {
  start: JsonObject;
  /** text_delta, thinking_delta or input_json_delta, by block type. */
  text: BoundedText;
}

/**
 * Folds an Anthropic SSE stream into facts. Messages API streams carry the id, model and input
 * usage in `message_start`, then cumulative usage and the stop reason in `message_delta`; a
 * later counter replaces an earlier one, none is added up. `error` events (e.g.
 * `overloaded_error` mid-stream) become the error type. Legacy Text Completions streams send
 * `completion` events with the text so far and, on the last one, the stop reason.
 */
export class AnthropicStreamReducer implements SseEventReducer {
  private responseId?: string;
  private responseModel?: string;
  private stopReason?: string;
  private usage?: Usage;
  private error?: Pick<ResponseFacts, 'errorType' | 'errorMessage'>;
  private readonly blocks = new Map<number, BlockState>();
  private readonly completion = new BoundedText();

  constructor(private readonly captureContent: boolean) {}

  onEvent(event: EventSourceMessage): void {
    const data = asObject(parseJsonOrUndefined(event.data));
    if (!data) return;
    switch (asString(data.type) ?? event.event) {
      case 'message_start':
        this.readMessageStart(asObject(data.message));
        break;
      case 'message_delta':
        this.stopReason = asString(asObject(data.delta)?.stop_reason) ?? this.stopReason;
        this.addUsage(readAnthropicUsage(data.usage));
        break;
      case 'content_block_start':
        if (this.captureContent) this.startBlock(data);
        break;
      case 'content_block_delta':
        if (this.captureContent) this.readBlockDelta(data);
        break;
      case 'completion':
        this.readCompletion(data);
        break;
      case 'error':
        this.error = readAnthropicError(data) ?? { errorType: 'error' };
        break;
    }
  }

  private readMessageStart(message: JsonObject | undefined): void {
    if (!message) return;
    this.responseId ??= asNonEmptyString(message.id);
    this.responseModel ??= asNonEmptyString(message.model);
    this.addUsage(readAnthropicUsage(message.usage));
  }

  private addUsage(next: Usage | undefined): void {
    if (next) this.usage = { ...this.usage, ...next };
  }

  private startBlock(data: JsonObject): void {
    const index = asInteger(data.index) ?? this.blocks.size;
    const start = asObject(data.content_block) ?? {};
    const state: BlockState = { start, text: new BoundedText() };
    state.text.append(start.text ?? start.thinking);
    this.blocks.set(index, state);
  }

  private readBlockDelta(data: JsonObject): void {
    const state = this.blocks.get(asInteger(data.index) ?? -1);
    const delta = asObject(data.delta);
    if (!state || !delta) return;
    state.text.append(delta.text ?? delta.thinking ?? delta.partial_json);
  }

  private readCompletion(data: JsonObject): void {
    this.responseId ??= asNonEmptyString(data.id) ?? asNonEmptyString(data.log_id);
    this.responseModel ??= asNonEmptyString(data.model);
    this.stopReason = asString(data.stop_reason) ?? this.stopReason;
    if (this.captureContent) this.completion.append(data.completion);
  }

  /** A block rebuilt from its start event and its deltas, then mapped like a non-streamed block. */
  private blockPart(state: BlockState): unknown {
    const type = asString(state.start.type);
    const text = state.text.toString();
    if (type === 'text') return { type: 'text', content: text };
    if (type === 'thinking') return { type: 'reasoning', content: text };
    if (type === 'tool_use' || type === 'server_tool_use') {
      const args = text === '' ? state.start.input : toolCallArguments(text);
      return { type: 'tool_call', id: asString(state.start.id), name: asString(state.start.name), arguments: args };
    }
    return contentParts([state.start])[0];
  }

  private outputMessages(): unknown[] | undefined {
    if (this.blocks.size > 0) {
      const indices = [...this.blocks.keys()].sort((a, b) => a - b);
      const parts = indices.map((i) => this.blockPart(this.blocks.get(i)!));
      return [{ role: 'assistant', parts, finish_reason: this.stopReason }];
    }
    if (!this.completion.isEmpty) {
      return [textMessage('assistant', this.completion.toString(), this.stopReason)];
    }
    return undefined;
  }

  result(): ResponseFacts {
    return definedOnly({
      responseId: this.responseId,
      responseModel: this.responseModel,
      finishReasons: this.stopReason ? [this.stopReason] : undefined,
      usage: this.usage,
      ...this.error,
      outputMessages: this.captureContent ? this.outputMessages() : undefined,
    });
  }
}
