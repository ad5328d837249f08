import type { ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseAccumulator, ResponseInfo } from '../types.js';
import {
  GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION,
  GEN_AI_PROVIDER_NAME_VALUE_COHERE,
} from '../../semconv.js';
import { OPERATION_NAME_VALUE_RERANK } from '../../gen-ai-values.js';
import { bodyKindOf } from '../body-kind.js';
import { matchPathTable, type PathTable } from '../path-table.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { createNdjsonAccumulator } from '../stream/ndjson-accumulator.js';
import { createSseAccumulator } from '../stream/sse-accumulator.js';
import { parseCohereRequest } from './parse-cohere-request.js';
import { readCohereResponse, type CohereCall } from './read-cohere-response.js';
import { CohereV1StreamReducer } from './cohere-v1-stream-reducer.js';
import { CohereV2StreamReducer } from './cohere-v2-stream-reducer.js';

const COHERE_HOSTS = new Set(['api.cohere.com', 'api.cohere.ai']);

/** Cohere's native endpoints: `/v1/...` (legacy chat, generate) and `/v2/...`. */
const COHERE_PATHS: PathTable<CohereCall> = {
  isOwnHost: (hostname) => COHERE_HOSTS.has(hostname),
  provider: GEN_AI_PROVIDER_NAME_VALUE_COHERE,
  exactOnOwnHost: true,
  calls: [
    ['/v1/chat', { version: 1, operation: GEN_AI_OPERATION_NAME_VALUE_CHAT }],
    ['/v1/generate', { version: 1, operation: GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION }],
    ['/v1/embed', { version: 1, operation: GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS }],
    ['/v1/rerank', { version: 1, operation: OPERATION_NAME_VALUE_RERANK }],
    ['/v2/chat', { version: 2, operation: GEN_AI_OPERATION_NAME_VALUE_CHAT }],
    ['/v2/embed', { version: 2, operation: GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS }],
    ['/v2/rerank', { version: 2, operation: OPERATION_NAME_VALUE_RERANK }],
  ],
};

/**
 * Cohere's own API (not its OpenAI-compatibility endpoint). On Cohere's hosts the path must be
 * exact; behind a mapped gateway it may carry a prefix (`/cohere/v2/chat`).
 */
export const cohereApi: LlmApi = {
  name: 'cohere',
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
    const found = matchPathTable(COHERE_PATHS, request, providerHint);
    if (!found) return undefined;
    const { provider, call } = found;
    return {
      api: cohereApi,
      provider,
      operation: call.operation,
      parseRequest: (body, captureContent) => parseCohereRequest({ provider, ...call }, body, captureContent),
      createAccumulator(response: ResponseInfo, facts: RequestFacts, captureContent: boolean): ResponseAccumulator {
        // v1 streams are NDJSON (`application/stream+json`), v2 streams are SSE.
        const kind = bodyKindOf(response.headers['content-type'], facts.stream);
        if (kind === 'sse') return createSseAccumulator(new CohereV2StreamReducer(captureContent));
        if (kind === 'ndjson') return createNdjsonAccumulator(new CohereV1StreamReducer(call, captureContent));
        return createJsonAccumulator((body) => readCohereResponse(body, call, response.status, captureContent));
      },
    };
  },
};
