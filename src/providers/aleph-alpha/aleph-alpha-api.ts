import type { ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseAccumulator, ResponseInfo } from '../types.js';
import { GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION } from '../../semconv.js';
import { PROVIDER_NAME_VALUE_ALEPH_ALPHA } from '../../gen-ai-values.js';
import { bodyKindOf } from '../body-kind.js';
import { matchPathTable, type PathTable } from '../path-table.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { createSseAccumulator } from '../stream/sse-accumulator.js';
import { parseAlephAlphaRequest } from './parse-aleph-alpha-request.js';
import { readAlephAlphaResponse } from './read-aleph-alpha-response.js';
import { AlephAlphaStreamReducer } from './aleph-alpha-stream-reducer.js';

const ALEPH_ALPHA_PATHS: PathTable<string> = {
  isOwnHost: (hostname) => hostname === 'api.aleph-alpha.com',
  provider: PROVIDER_NAME_VALUE_ALEPH_ALPHA,
  calls: [
    ['/complete', GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION],
    ['/semantic_embed', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
    ['/batch_semantic_embed', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
    ['/embed', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
  ],
};

/** Aleph Alpha's native API (`/complete`, the embedding endpoints). */
export const alephAlphaApi: LlmApi = {
  name: 'aleph_alpha',
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
    const found = matchPathTable(ALEPH_ALPHA_PATHS, request, providerHint);
    if (!found) return undefined;
    const { provider, call: operation } = found;
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
