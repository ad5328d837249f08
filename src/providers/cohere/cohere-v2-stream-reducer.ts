import type { EventSourceMessage } from 'eventsource-parser';
import type { ResponseFacts, Usage } from '../types.js';
import type { SseEventReducer } from '../stream/sse-accumulator.js';
import { asInteger, asNonEmptyString, asObject, asString, definedOnly, dig, parseJsonOrUndefined } from '../json-fields.js';
import { BoundedText } from '../stream/text-buffer.js';
import { readCohereUsage } from './read-cohere-response.js';
import { toolCallArguments } from '../content-parts.js';

interface ToolCallState {
  id?: string;
  name?: string;
  args: BoundedText;
}

/**
 * Folds a Cohere v2 chat SSE stream into facts: `message-start` has the id, `message-end` the
 * finish reason and usage; content, tool-plan and tool-call deltas are kept only for capture.
 */
export class CohereV2StreamReducer implements SseEventReducer {
  private responseId?: string;
  private finishReason?: string;
  private usage?: Usage;
  private readonly text = new BoundedText();
  private readonly plan = new BoundedText();
  private readonly toolCalls = new Map<number, ToolCallState>();

  constructor(private readonly captureContent: boolean) {}

  onEvent(event: EventSourceMessage): void {
    if (event.data === '[DONE]') return;
    const data = asObject(parseJsonOrUndefined(event.data));
    if (!data) return;
    const type = asString(data.type) ?? event.event;
    if (type === 'message-start') {
      this.responseId ??= asNonEmptyString(data.id);
    } else if (type === 'message-end') {
      const delta = asObject(data.delta) ?? {};
      this.finishReason = asString(delta.finish_reason) ?? this.finishReason;
      this.usage = readCohereUsage(delta, 'chat') ?? this.usage;
    } else if (this.captureContent) {
      this.readContentDelta(type, data);
    }
  }

  private readContentDelta(type: string | undefined, data: Record<string, unknown>): void {
    if (type === 'content-delta') {
      this.text.append(dig(data, 'delta', 'message', 'content', 'text'));
    } else if (type === 'tool-plan-delta') {
      this.plan.append(dig(data, 'delta', 'message', 'tool_plan'));
    } else if (type === 'tool-call-start' || type === 'tool-call-delta') {
      const index = asInteger(data.index) ?? 0;
      let call = this.toolCalls.get(index);
      if (!call) {
        call = { args: new BoundedText() };
        this.toolCalls.set(index, call);
      }
      const delta = asObject(dig(data, 'delta', 'message', 'tool_calls'));
      call.id ??= asString(delta?.id);
      call.name ??= asString(dig(delta, 'function', 'name'));
      call.args.append(dig(delta, 'function', 'arguments'));
    }
  }

  result(): ResponseFacts {
    const facts: ResponseFacts = {
      responseId: this.responseId,
      finishReasons: this.finishReason ? [this.finishReason] : undefined,
      usage: this.usage,
    };
    if (this.captureContent && this.responseId !== undefined) {
      const parts: unknown[] = [];
      if (!this.plan.isEmpty) parts.push({ type: 'reasoning', content: this.plan.toString() });
      if (!this.text.isEmpty) parts.push({ type: 'text', content: this.text.toString() });
      for (const index of [...this.toolCalls.keys()].sort((a, b) => a - b)) {
        const call = this.toolCalls.get(index)!;
        parts.push({ type: 'tool_call', id: call.id, name: call.name, arguments: toolCallArguments(call.args.toString()) });
      }
      facts.outputMessages = [{ role: 'assistant', parts, finish_reason: this.finishReason }];
    }
    return definedOnly(facts);
  }
}
