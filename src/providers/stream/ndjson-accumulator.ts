import type { ResponseAccumulator, ResponseFacts } from '../types.js';
import { parseJsonOrUndefined } from '../json-fields.js';
import { createUtf8Decoder } from './utf8-decoder.js';
import { isTerminalNdjsonLine } from './end-of-response-markers.js';

/** Longest single NDJSON line we keep while waiting for its newline; longer lines are skipped. */
const MAX_LINE_CHARS = 1024 * 1024;

/**
 * Newline-delimited JSON (Ollama, Cohere v1 streams). No maintained parser fits a push-based
 * byte observer without pulling in a stream library, and the format is one split on `\n`.
 * A line that is not JSON is skipped, so one corrupt line costs only itself.
 */
export function createNdjsonAccumulator(reducer: {
  onLine(value: unknown): void;
  result(): ResponseFacts;
}): ResponseAccumulator {
  const utf8 = createUtf8Decoder();
  let pending = '';
  let complete = false;
  const flushLines = (final: boolean) => {
    const lines = pending.split('\n');
    pending = final ? '' : (lines.pop() ?? '');
    if (pending.length > MAX_LINE_CHARS) pending = '';
    for (const line of lines) {
      const trimmed = line.trim();
      if (!trimmed) continue;
      const value = parseJsonOrUndefined(trimmed);
      if (value === undefined) continue;
      complete = isTerminalNdjsonLine(value);
      reducer.onLine(value);
    }
  };
  return {
    push(chunk) {
      pending += utf8.decode(chunk);
      if (pending.includes('\n')) flushLines(false);
    },
    finish() {
      pending += utf8.end();
      flushLines(true);
      return reducer.result();
    },
    isComplete: () => complete,
  };
}
