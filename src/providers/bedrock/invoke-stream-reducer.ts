import type { Message } from '@smithy/eventstream-codec';
import type { ResponseFacts, Usage } from '../types.js';
import {
  asArray, asInteger, asNonEmptyString, asObject, asString, definedOnly, dig, parseJsonOrUndefined, type JsonObject,
} from '../json-fields.js';
import { eventStreamFailure } from './bedrock-error.js';
import { headerString, payloadText, type EventStreamReducer } from '../stream/aws-event-stream-accumulator.js';
import { readConverseUsage } from './read-converse-response.js';
import { readAnthropicUsage } from '../anthropic/read-anthropic-response.js';
import { StreamedOutput } from './streamed-output.js';
import { usageCounters } from '../usage-counters.js';

/**
 * InvokeModelWithResponseStream: every `chunk` event's payload is `{"bytes": "<base64>"}`, the
 * base64 of one model-native JSON chunk. The families stream differently (Anthropic typed events,
 * Nova Converse-like events, flat chunks for Titan/Llama/Mistral/Cohere); each chunk updates what
 * it knows. Bedrock adds `amazon-bedrock-invocationMetrics` to the final chunk: its counts are the
 * usage, as the corpus README specifies, with the families' own counters as a fallback.
 */
export class InvokeStreamReducer implements EventStreamReducer {
  private responseId?: string;
  private responseModel?: string;
  private finishReasons?: string[];
  private usage: Usage = {};
  private metricsUsage?: Usage;
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
    if (headerString(message, ':event-type') !== 'chunk') return;
    const bytes = asString(payload?.bytes);
    if (bytes === undefined) return;
    const chunk = asObject(parseJsonOrUndefined(Buffer.from(bytes, 'base64').toString('utf8')));
    if (chunk) this.onChunk(chunk);
  }

  private onChunk(chunk: JsonObject): void {
    const metrics = asObject(chunk['amazon-bedrock-invocationMetrics']);
    if (metrics) {
      this.metricsUsage = definedOnly({
        inputTokens: asInteger(metrics.inputTokenCount),
        outputTokens: asInteger(metrics.outputTokenCount),
        cacheReadInputTokens: asInteger(metrics.cacheReadInputTokenCount),
        cacheCreationInputTokens: asInteger(metrics.cacheWriteInputTokenCount),
      });
    }
    if (typeof chunk.type === 'string') this.onAnthropicEvent(chunk);
    else if (!this.onNovaEvent(chunk)) this.onFlatChunk(chunk);
  }

  private setReasons(values: unknown[]): void {
    const list = values.filter((v): v is string => typeof v === 'string' && v !== '');
    if (list.length > 0) this.finishReasons = list;
  }

  private addUsage(usage: Usage | undefined): void {
    if (usage) Object.assign(this.usage, definedOnly({ ...usage }));
  }

  /** Anthropic Messages streaming events (Claude 3+), or Claude v2's typed completion chunks. */
  private onAnthropicEvent(chunk: JsonObject): void {
    switch (chunk.type) {
      case 'message_start': {
        const message = asObject(chunk.message) ?? {};
        this.responseId = asNonEmptyString(message.id) ?? this.responseId;
        this.responseModel = asNonEmptyString(message.model) ?? this.responseModel;
        this.addUsage(readAnthropicUsage(message.usage));
        break;
      }
      case 'message_delta':
        this.setReasons([dig(chunk, 'delta', 'stop_reason')]);
        this.addUsage(readAnthropicUsage(chunk.usage));
        break;
      case 'content_block_start': {
        const block = asObject(chunk.content_block);
        const index = asInteger(chunk.index) ?? 0;
        if (this.output && block?.type === 'tool_use') this.output.toolStart(index, asString(block.id), asString(block.name));
        break;
      }
      case 'content_block_delta': {
        const delta = asObject(chunk.delta);
        const index = asInteger(chunk.index) ?? 0;
        if (!this.output || !delta) break;
        if (delta.type === 'text_delta') this.output.text(index, delta.text);
        else if (delta.type === 'input_json_delta') this.output.toolInput(index, delta.partial_json);
        else if (delta.type === 'thinking_delta') this.output.reasoning(index, delta.thinking);
        break;
      }
      case 'error':
        this.errorType = asNonEmptyString(dig(chunk, 'error', 'type')) ?? 'error';
        this.errorMessage = asString(dig(chunk, 'error', 'message'));
        break;
      case 'completion':
        this.onFlatChunk(chunk);
        break;
    }
  }

  /** Nova streams Converse-like events, each wrapped in an object named after it. False if not one. */
  private onNovaEvent(chunk: JsonObject): boolean {
    const delta = asObject(chunk.contentBlockDelta);
    const start = asObject(chunk.contentBlockStart);
    const stop = asObject(chunk.messageStop);
    const metadata = asObject(chunk.metadata);
    if (!delta && !start && !stop && !metadata && !chunk.messageStart && !chunk.contentBlockStop) return false;
    if (stop) this.setReasons([stop.stopReason]);
    if (metadata) this.addUsage(readConverseUsage(metadata.usage));
    if (this.output && delta) {
      const index = asInteger(delta.contentBlockIndex) ?? 0;
      const text = dig(delta, 'delta', 'text');
      if (typeof text === 'string') this.output.text(index, text);
      const input = dig(delta, 'delta', 'toolUse', 'input');
      if (typeof input === 'string') this.output.toolInput(index, input);
    }
    const toolStart = asObject(dig(start, 'start', 'toolUse'));
    if (this.output && start && toolStart) {
      this.output.toolStart(asInteger(start.contentBlockIndex) ?? 0, asString(toolStart.toolUseId), asString(toolStart.name));
    }
    return true;
  }

  /** One flat chunk of Titan, Llama, Claude v2 text, Mistral, Cohere or an OpenAI-compatible body. */
  private onFlatChunk(chunk: JsonObject): void {
    // Titan text: `{outputText, completionReason, inputTextTokenCount, totalOutputTextTokenCount}`.
    if (chunk.outputText !== undefined) {
      this.output?.text(0, chunk.outputText);
      this.setReasons([chunk.completionReason]);
      this.addUsage(definedOnly({ inputTokens: asInteger(chunk.inputTextTokenCount), outputTokens: asInteger(chunk.totalOutputTextTokenCount) }));
      return;
    }
    // Llama: `{generation, prompt_token_count, generation_token_count, stop_reason}` (counts cumulative).
    if (chunk.generation !== undefined) {
      this.output?.text(0, chunk.generation);
      this.setReasons([chunk.stop_reason]);
      this.addUsage(definedOnly({ inputTokens: asInteger(chunk.prompt_token_count), outputTokens: asInteger(chunk.generation_token_count) }));
      return;
    }
    // Claude v2 text completions: `{completion, stop_reason}`.
    if (chunk.completion !== undefined) {
      this.output?.text(0, chunk.completion);
      this.setReasons([chunk.stop_reason]);
      return;
    }
    // Mistral: `{outputs: [{text, stop_reason}]}`.
    const outputs = asArray(chunk.outputs);
    if (outputs) {
      outputs.forEach((o, i) => this.output?.text(i, asObject(o)?.text));
      this.setReasons(outputs.map((o) => asObject(o)?.stop_reason));
      return;
    }
    // Cohere Command: `{id, generations: [{text, finish_reason}]}`.
    const generations = asArray(chunk.generations);
    if (generations) {
      this.responseId = asNonEmptyString(chunk.id) ?? this.responseId;
      generations.forEach((g, i) => this.output?.text(i, asObject(g)?.text));
      this.setReasons(generations.map((g) => asObject(g)?.finish_reason));
      return;
    }
    // Cohere Command R: `text-generation` events, then `stream-end` with the whole response.
    if (chunk.event_type !== undefined) {
      if (chunk.event_type === 'text-generation') this.output?.text(0, chunk.text);
      const response = asObject(chunk.response);
      if (response) {
        this.responseId = asNonEmptyString(response.response_id) ?? this.responseId;
        this.addUsage(
          definedOnly({
            inputTokens: asInteger(dig(response, 'meta', 'billed_units', 'input_tokens')),
            outputTokens: asInteger(dig(response, 'meta', 'billed_units', 'output_tokens')),
          }),
        );
      }
      this.setReasons([chunk.finish_reason ?? response?.finish_reason]);
      return;
    }
    // OpenAI-compatible chunks: `{id, model, choices: [{delta, finish_reason}], usage?}`.
    const choices = asArray(chunk.choices);
    if (choices) {
      this.responseId = asNonEmptyString(chunk.id) ?? this.responseId;
      this.responseModel = asNonEmptyString(chunk.model) ?? this.responseModel;
      choices.forEach((c, i) => this.output?.text(asInteger(asObject(c)?.index) ?? i, dig(c, 'delta', 'content')));
      this.setReasons(choices.map((c) => asObject(c)?.finish_reason ?? asObject(c)?.stop_reason));
      const usage = asObject(chunk.usage);
      if (usage) this.addUsage(definedOnly({ inputTokens: asInteger(usage.prompt_tokens), outputTokens: asInteger(usage.completion_tokens) }));
    }
  }

  result(): ResponseFacts {
    const finish = this.finishReasons?.[0];
    return definedOnly({
      responseId: this.responseId,
      responseModel: this.responseModel,
      finishReasons: this.finishReasons,
      usage: usageCounters({ ...this.usage, ...this.metricsUsage }),
      errorType: this.errorType,
      errorMessage: this.errorMessage,
      outputMessages: this.output && !this.output.isEmpty ? [this.output.message(finish)] : undefined,
    });
  }
}
