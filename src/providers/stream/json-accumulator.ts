import type { ResponseAccumulator, ResponseFacts } from '../types.js';
import { parseJsonOrUndefined } from '../json-fields.js';
import { createUtf8Decoder } from './utf8-decoder.js';

/**
 * Largest JSON body we buffer to read usage from. Chat responses are a few KiB; embeddings of a
 * large batch can reach MiBs. Past this the body still reaches the app untouched; the span just
 * lacks response facts, which keeps our memory per call bounded.
 */
const MAX_BUFFERED_JSON_BYTES = 8 * 1024 * 1024;

/** Buffers a whole (non-streamed) JSON body, then hands the parsed value to `read`. */
export function createJsonAccumulator(read: (body: unknown) => ResponseFacts): ResponseAccumulator {
  const utf8 = createUtf8Decoder();
  let text = '';
  let size = 0;
  let overflow = false;
  return {
    push(chunk) {
      if (overflow) return;
      size += chunk.byteLength;
      if (size > MAX_BUFFERED_JSON_BYTES) {
        overflow = true;
        text = '';
        return;
      }
      text += utf8.decode(chunk);
    },
    finish() {
      if (overflow) return {};
      text += utf8.end();
      const body = parseJsonOrUndefined(text);
      text = '';
      return body === undefined ? {} : read(body);
    },
  };
}
