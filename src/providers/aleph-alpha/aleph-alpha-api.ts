import type { ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseAccumulator, ResponseInfo } from '../types.js';
import { GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION } from '../../semconv.js';
import { PROVIDER_NAME_VALUE_ALEPH_ALPHA } from '../../gen-ai-values.js';
import { bodyKindOf } from '../body-kind.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { createSseAccumulator } from '../stream/sse-accumulator.js';
import { parseAlephAlphaRequest } from './parse-aleph-alpha-request.js';
import { readAlephAlphaResponse } from './read-aleph-alpha-response.js';
import { AlephAlphaStreamReducer } from './aleph-alpha-stream-reducer.js';

const ALEPH_ALPHA_HOSTS = new Set(['api.aleph-alpha.com']);

const OPERATIONS_BY_PATH_END: ReadonlyArray<readonly [string, string]> = [
  ['/complete', GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION],
  ['/semantic_embed', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
  ['/batch_semantic_embed', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
  ['/embed', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
];

/** Aleph Alpha's native API (`/complete`, the embedding endpoints). */
export const alephAlphaApi: LlmApi = {
  name: 'aleph_alpha',
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
    if (request.method !== 'POST') return undefined;
    if (!providerHint && !ALEPH_ALPHA_HOSTS.has(request.url.hostname.toLowerCase())) return undefined;
    const path = request.url.pathname.replace(/\/+$/, '');
    const operation = OPERATIONS_BY_PATH_END.find(([end]) => path.endsWith(end))?.[1];
    if (!operation) return undefined;
    const provider = providerHint ?? PROVIDER_NAME_VALUE_ALEPH_ALPHA;
    return {
      api: alephAlphaApi,
      provider,
      operation,
      parseRequest: (body, captureContent) => parseAlephAlphaRequest({ provider, operation }, body, captureContent),
      createAccumulator: (response: ResponseInfo, facts: RequestFacts, captureContent: boolean): ResponseAccumulator =>
        bodyKindOf(response.headers['content-type'], facts.stream) === 'sse'
          ? createSseAccumulator(new AlephAlphaStreamReducer(captureContent))
          : createJsonAccumulator((body) => readAlephAlphaResponse(body, operation, captureContent)),
    };
  },
};
