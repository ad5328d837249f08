import type { ResponseAccumulator, ResponseInfo } from '../types.js';
import { bodyKindOf } from '../body-kind.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { createSseAccumulator } from '../stream/sse-accumulator.js';
import { GenerateContentReducer } from './generate-content-reducer.js';

/**
 * A body parser for a generateContent response, by framing:
 * - SSE (`:streamGenerateContent?alt=sse`, what the SDKs ask for): one chunk per event, folded as
 *   it arrives, so memory stays at one event.
 * - JSON: one response object, or for `:streamGenerateContent` without `alt=sse` a JSON array of
 *   chunks written out over time. The array is buffered (capped at MAX_BUFFERED_JSON_BYTES, past
 *   which the span gets no response facts) and folded at the end. An incremental reader would
 *   need a streaming JSON parser (e.g. `@streamparser/json`); none is installed, the official
 *   SDKs (@google/genai, google-genai for Python) all request SSE, and a hand-written JSON
 *   tokenizer is exactly what we do not write. The cap bounds memory per call either way.
 */
export function createGenerateContentAccumulator(
  response: ResponseInfo,
  stream: boolean,
  captureContent: boolean,
): ResponseAccumulator {
  const reducer = new GenerateContentReducer(captureContent);
  if (bodyKindOf(response.headers['content-type'], stream) === 'sse') return createSseAccumulator(reducer);
  return createJsonAccumulator((body) => {
    if (Array.isArray(body)) for (const chunk of body) reducer.onChunk(chunk);
    else reducer.onChunk(body);
    return reducer.result();
  });
}
