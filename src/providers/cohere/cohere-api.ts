import type { ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseAccumulator, ResponseInfo } from '../types.js';
import {
  GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION,
  GEN_AI_PROVIDER_NAME_VALUE_COHERE,
} from '../../semconv.js';
import { OPERATION_NAME_VALUE_RERANK } from '../../gen-ai-values.js';
import { bodyKindOf } from '../body-kind.js';
import { matchPathTable, matchPathTableSignature, type PathTable, type PathTableMatch } from '../path-table.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { createNdjsonAccumulator } from '../stream/ndjson-accumulator.js';
import { createSseAccumulator } from '../stream/sse-accumulator.js';
import { parseCohereRequest } from './parse-cohere-request.js';
import { readCohereResponse, type CohereCall } from './read-cohere-response.js';
import { CohereV1StreamReducer } from './cohere-v1-stream-reducer.js';
import { CohereV2StreamReducer } from './cohere-v2-stream-reducer.js';

const COHERE_HOSTS = new Set(['api.cohere.com', 'api.cohere.ai']);

/** `X-Fern-SDK-Name` of Cohere's generated SDKs: `cohere-ai` (TypeScript), `cohere` (Python). */
const COHERE_SDK_NAMES = new Set(['cohere-ai', 'cohere']);

/** Cohere's native endpoints: `/v1/...` (legacy chat, generate) and `/v2/...`. */
const COHERE_PATHS: PathTable<CohereCall> = {
  isOwnHost: (hostname) => COHERE_HOSTS.has(hostname),
  provider: GEN_AI_PROVIDER_NAME_VALUE_COHERE,
  exactOnOwnHost: true,
  // `/v1/chat` and `/v2/chat` are common paths; off Cohere's hosts only its SDKs' header names it.
  signature: { header: 'x-fern-sdk-name', test: (value) => COHERE_SDK_NAMES.has(value.trim().toLowerCase()) },
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

function cohereMatch({ provider, call }: PathTableMatch<CohereCall>): ApiMatch {
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
}

/**
 * Cohere's own API (not its OpenAI-compatibility endpoint). On Cohere's hosts the path must be
 * exact; behind a mapped gateway it may carry a prefix (`/cohere/v2/chat`); on any other host the
 * SDK's `X-Fern-SDK-Name` header must name Cohere.
 */
export const cohereApi: LlmApi = {
  name: 'cohere',
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
    const found = matchPathTable(COHERE_PATHS, request, providerHint);
    return found ? cohereMatch(found) : undefined;
  },
  signature: (request) => matchPathTableSignature(COHERE_PATHS, request, cohereMatch),
};
