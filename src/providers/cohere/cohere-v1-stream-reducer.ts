import type { ResponseFacts } from '../types.js';
import { asObject, asString, definedOnly } from '../json-fields.js';
import { BoundedText } from '../stream/text-buffer.js';
import { readCohereResponse, type CohereCall } from './read-cohere-response.js';
import { textMessage } from '../content-parts.js';

/**
 * Folds a Cohere v1 stream (`application/stream+json`, one JSON object per line) into facts.
 * Chat lines carry `event_type` (stream-start, text-generation, ..., stream-end); generate lines
 * carry `text` until `is_finished`. Both end with a line whose `response` is the whole
 * non-streamed response, usage included, so that line is read like a JSON body. The text seen
 * so far is only needed when the stream was cut before that line.
 */
export class CohereV1StreamReducer {
  private final?: ResponseFacts;
  private finishReason?: string;
  private readonly text = new BoundedText();

  constructor(
    private readonly call: CohereCall,
    private readonly captureContent: boolean,
  ) {}

  onLine(value: unknown): void {
    const line = asObject(value);
    if (!line) return;
    this.finishReason = asString(line.finish_reason) ?? this.finishReason;
    const response = asObject(line.response);
    if (response) {
      this.final = readCohereResponse(response, this.call, 200, this.captureContent);
      return;
    }
    if (this.captureContent && (line.event_type === undefined || line.event_type === 'text-generation')) {
      this.text.append(line.text);
    }
  }

  result(): ResponseFacts {
    if (this.final) {
      return definedOnly({ ...this.final, finishReasons: this.final.finishReasons ?? this.reasons() });
    }
    return definedOnly({
      finishReasons: this.reasons(),
      outputMessages:
        this.captureContent && !this.text.isEmpty
          ? [textMessage('assistant', this.text.toString(), this.finishReason)]
          : undefined,
    });
  }

  private reasons(): string[] | undefined {
    return this.finishReason ? [this.finishReason] : undefined;
  }
}
