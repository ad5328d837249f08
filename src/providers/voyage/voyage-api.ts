import type { ApiMatch, HttpRequestInfo, LlmApi, ResponseAccumulator } from '../types.js';
import { matchPathTable, type PathTable } from '../path-table.js';
import { GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS } from '../../semconv.js';
import { OPERATION_NAME_VALUE_RERANK, PROVIDER_NAME_VALUE_VOYAGEAI } from '../../gen-ai-values.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { parseVoyageRequest } from './parse-voyage-request.js';
import { readVoyageResponse } from './read-voyage-response.js';

/**
 * Voyage AI paths. `/v1/embeddings` is also an OpenAI path, so this API must be asked before
 * `openAiApi`, and it only claims Voyage's host (or a host mapped to it).
 */
const VOYAGE_PATHS: PathTable<string> = {
  isOwnHost: (hostname) => hostname === 'api.voyageai.com',
  provider: PROVIDER_NAME_VALUE_VOYAGEAI,
  calls: [
    ['/v1/embeddings', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
    ['/v1/multimodalembeddings', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
    ['/v1/contextualizedembeddings', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
    ['/v1/rerank', OPERATION_NAME_VALUE_RERANK],
  ],
};

/** Voyage AI embeddings and rerank. Nothing streams. */
export const voyageApi: LlmApi = {
  name: 'voyage',
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
    const found = matchPathTable(VOYAGE_PATHS, request, providerHint);
    if (!found) return undefined;
    const { provider, call: operation } = found;
    return {
      api: voyageApi,
      provider,
      operation,
      parseRequest: (body) => parseVoyageRequest({ provider, operation }, body),
      createAccumulator: (): ResponseAccumulator => createJsonAccumulator((body) => readVoyageResponse(body)),
    };
  },
};
