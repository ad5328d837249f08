import type { EventSourceMessage } from 'eventsource-parser';
import type { ResponseFacts, Usage } from '../types.js';
import type { SseEventReducer } from '../stream/sse-accumulator.js';
import { asInteger, asObject, asString, definedOnly, parseJsonOrUndefined } from '../json-fields.js';
import { BoundedText } from '../stream/text-buffer.js';
import { readAlephAlphaError, readAlephAlphaUsage } from './read-aleph-alpha-response.js';
import { textMessage } from '../content-parts.js';

/**
 * Folds a `/complete` stream (`"stream": true`). Events are typed: `stream_chunk` (text of one
 * completion `index`), `stream_summary` (that completion's `finish_reason`) and a final
 * `completion_summary` with the token counts.
 */
export class AlephAlphaStreamReducer implements SseEventReducer {
  private usage?: Usage;
  private readonly reasons = new Map<number, string>();
  private readonly texts = new Map<number, BoundedText>();
  private error?: Pick<ResponseFacts, 'errorType' | 'errorMessage'>;

  constructor(private readonly captureContent: boolean) {}

  onEvent(event: EventSourceMessage): void {
    const data = asObject(parseJsonOrUndefined(event.data));
    if (!data) return;
    const index = asInteger(data.index) ?? 0;
    switch (asString(data.type)) {
      case 'stream_chunk':
        if (this.captureContent) {
          let text = this.texts.get(index);
          if (!text) this.texts.set(index, (text = new BoundedText()));
          text.append(data.completion);
        }
        return;
      case 'stream_summary': {
        const reason = asString(data.finish_reason);
        if (reason) this.reasons.set(index, reason);
        return;
      }
      case 'completion_summary':
        this.usage = readAlephAlphaUsage(data, 'text_completion');
        return;
      default:
        this.error = readAlephAlphaError(data) ?? this.error;
    }
  }

  result(): ResponseFacts {
    const indices = [...new Set([...this.reasons.keys(), ...this.texts.keys()])].sort((a, b) => a - b);
    const reasons = indices.map((i) => this.reasons.get(i)).filter((r): r is string => !!r);
    return definedOnly({
      finishReasons: reasons.length > 0 ? reasons : undefined,
      usage: this.usage,
      ...this.error,
      outputMessages: this.captureContent && indices.length > 0
        ? indices.map((i) => textMessage('assistant', this.texts.get(i)?.toString() ?? '', this.reasons.get(i)))
        : undefined,
    });
  }
}
