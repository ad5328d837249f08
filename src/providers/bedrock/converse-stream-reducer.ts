import type { Message } from '@smithy/eventstream-codec';
import type { ResponseFacts, Usage } from '../types.js';
import { asInteger, asNonEmptyString, asObject, asString, definedOnly, dig, parseJsonOrUndefined, type JsonObject } from '../json-fields.js';
import { eventStreamFailure } from './bedrock-error.js';
import { headerString, payloadText, type EventStreamReducer } from '../stream/aws-event-stream-accumulator.js';
import { readConverseUsage } from './read-converse-response.js';
import { StreamedOutput } from './streamed-output.js';

/**
 * ConverseStream events (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html):
 * each frame's `:event-type` header names the event and its payload is that event's JSON
 * (`messageStop` carries `stopReason`, `metadata` carries `usage`). Exceptions arrive as frames
 * with `:message-type: exception` after the 200.
 */
export class ConverseStreamReducer implements EventStreamReducer {
  private stopReason?: string;
  private usage?: Usage;
  private errorType?: string;
  private errorMessage?: string;
  private readonly output?: StreamedOutput;

  constructor(captureContent: boolean) {
    if (captureContent) this.output = new StreamedOutput();
  }

  onMessage(message: Message): void {
    const payload = asObject(parseJsonOrUndefined(payloadText(message)));
    const failure = eventStreamFailure(message, payload);
    if (failure) {
      this.errorType = failure.errorType;
      this.errorMessage = failure.errorMessage;
      return;
    }
    if (!payload) return;
    switch (headerString(message, ':event-type')) {
      case 'messageStop':
        this.stopReason = asNonEmptyString(payload.stopReason) ?? this.stopReason;
        break;
      case 'metadata':
        this.usage = readConverseUsage(payload.usage) ?? this.usage;
        break;
      case 'contentBlockStart':
      case 'contentBlockDelta':
        if (this.output) this.onContent(payload, this.output);
        break;
    }
  }

  private onContent(payload: JsonObject, output: StreamedOutput): void {
    const index = asInteger(payload.contentBlockIndex) ?? 0;
    const toolStart = asObject(dig(payload, 'start', 'toolUse'));
    if (toolStart) output.toolStart(index, asString(toolStart.toolUseId), asString(toolStart.name));
    const delta = asObject(payload.delta);
    if (!delta) return;
    if (typeof delta.text === 'string') output.text(index, delta.text);
    const input = dig(delta, 'toolUse', 'input');
    if (typeof input === 'string') output.toolInput(index, input);
    const reasoning = dig(delta, 'reasoningContent', 'text');
    if (typeof reasoning === 'string') output.reasoning(index, reasoning);
  }

  result(): ResponseFacts {
    return definedOnly({
      finishReasons: this.stopReason ? [this.stopReason] : undefined,
      usage: this.usage,
      errorType: this.errorType,
      errorMessage: this.errorMessage,
      outputMessages: this.output && !this.output.isEmpty ? [this.output.message(this.stopReason)] : undefined,
    });
  }
}
