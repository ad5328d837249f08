import { createParser, type EventSourceParser } from 'eventsource-parser';

/**
 * Rebuilds the chat.completion object from a relayed response, so the cache can store it: the JSON
 * body as is, or a stream's chunks reassembled (content and finish reason per choice, id, model,
 * usage). It watches a copy of the bytes the client gets and gives up (returns undefined) past
 * `maxBytes`, on tool calls (their deltas are not worth reassembling for a cache) or on anything
 * it does not understand; the client's response is never affected.
 */
export class CompletionCollector {
  private bytes = 0;
  private readonly chunks: Buffer[] = [];
  private parser?: EventSourceParser;
  private failed = false;
  private done = false;
  private stream?: StreamState;

  constructor(
    private readonly streamed: boolean,
    private readonly maxBytes: number,
  ) {
    if (streamed) {
      this.stream = { choices: new Map() };
      this.parser = createParser({ onEvent: (event) => this.onEvent(event.data) });
    }
  }

  push(chunk: Uint8Array): void {
    if (this.failed) return;
    this.bytes += chunk.byteLength;
    if (this.bytes > this.maxBytes) {
      this.fail();
      return;
    }
    if (this.parser) this.parser.feed(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8'));
    else this.chunks.push(Buffer.from(chunk));
  }

  finish(): Record<string, unknown> | undefined {
    if (this.failed) return undefined;
    if (!this.streamed) {
      try {
        const value = JSON.parse(Buffer.concat(this.chunks).toString('utf8')) as Record<string, unknown>;
        return value && value.object === 'chat.completion' && Array.isArray(value.choices) ? value : undefined;
      } catch {
        return undefined;
      }
    }
    const state = this.stream!;
    if (!this.done || state.choices.size === 0) return undefined;
    return {
      id: state.id, object: 'chat.completion', created: state.created, model: state.model,
      choices: [...state.choices.entries()].sort(([a], [b]) => a - b).map(([index, choice]) => ({
        index, message: { role: choice.role ?? 'assistant', content: choice.content }, finish_reason: choice.finishReason ?? null,
      })),
      ...(state.usage !== undefined && { usage: state.usage }),
    };
  }

  private fail(): void {
    this.failed = true;
    this.chunks.length = 0;
    this.parser = undefined;
  }

  private onEvent(data: string): void {
    if (data === '[DONE]') {
      this.done = true;
      return;
    }
    let chunk: StreamChunk;
    try {
      chunk = JSON.parse(data) as StreamChunk;
    } catch {
      this.fail();
      return;
    }
    const state = this.stream!;
    state.id ??= chunk.id;
    state.model ??= chunk.model;
    state.created ??= chunk.created;
    if (chunk.usage) state.usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      if (choice.delta?.tool_calls || choice.delta?.function_call) {
        this.fail();
        return;
      }
      const index = choice.index ?? 0;
      const current = state.choices.get(index) ?? { content: '' };
      if (choice.delta?.role) current.role = choice.delta.role;
      if (typeof choice.delta?.content === 'string') current.content += choice.delta.content;
      if (choice.finish_reason) current.finishReason = choice.finish_reason;
      state.choices.set(index, current);
    }
  }
}

interface StreamChunk {
  id?: string;
  model?: string;
  created?: number;
  usage?: unknown;
  choices?: Array<{
    index?: number;
    finish_reason?: string | null;
    delta?: { role?: string; content?: string | null; tool_calls?: unknown; function_call?: unknown };
  }>;
}

interface StreamState {
  id?: string;
  model?: string;
  created?: number;
  usage?: unknown;
  choices: Map<number, { role?: string; content: string; finishReason?: string }>;
}
