import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ResponseAccumulator, ResponseFacts } from '../types.js';
import { createUtf8Decoder } from './utf8-decoder.js';
import { SSE_DONE_DATA, SSE_TERMINAL_EVENTS } from './end-of-response-markers.js';

/** Folds server-sent events into response facts, one event at a time (bounded memory). */
export interface SseEventReducer {
  onEvent(event: EventSourceMessage): void;
  result(): ResponseFacts;
}

/**
 * SSE framing through `eventsource-parser` (maintained, spec-compliant: CRLF, comments, multi-line
 * data, a final event without a trailing blank line is dropped as the spec says).
 */
export function createSseAccumulator(reducer: SseEventReducer): ResponseAccumulator {
  const utf8 = createUtf8Decoder();
  let complete = false;
  const parser = createParser({
    onEvent(event) {
      if (event.data === SSE_DONE_DATA || (event.event !== undefined && SSE_TERMINAL_EVENTS.has(event.event))) complete = true;
      reducer.onEvent(event);
    },
  });
  return {
    push(chunk) {
      parser.feed(utf8.decode(chunk));
    },
    finish() {
      parser.feed(utf8.end());
      return reducer.result();
    },
    isComplete: () => complete,
  };
}
