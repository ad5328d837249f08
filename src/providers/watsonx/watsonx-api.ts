import type { ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseAccumulator, ResponseInfo } from '../types.js';
import {
  GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION,
  GEN_AI_PROVIDER_NAME_VALUE_IBM_WATSONX_AI,
} from '../../semconv.js';
import { bodyKindOf } from '../body-kind.js';
import { matchPathTable, matchPathTableSignature, type PathTable, type PathTableMatch } from '../path-table.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { createSseAccumulator } from '../stream/sse-accumulator.js';
import { OpenAiStreamReducer } from '../openai/openai-stream-reducer.js';
import { parseWatsonxRequest, type WatsonxCall } from './parse-watsonx-request.js';
import { readWatsonxResponse } from './read-watsonx-response.js';
import { WatsonxGenerationStreamReducer } from './watsonx-stream-reducer.js';

/** IBM Cloud regions: us-south.ml.cloud.ibm.com, eu-de.ml.cloud.ibm.com, ... */
const WATSONX_HOST_SUFFIX = '.ml.cloud.ibm.com';

/**
 * watsonx.ai endpoints by path ending. `/ml/v1/text/...` is the current API (also under
 * `/ml/v1/deployments/{id}/text/...`); `/ml/v1-beta/generation/...` is the older beta path that
 * the recorded clients still call. Streaming is chosen by the path, not the body.
 */
const WATSONX_PATHS: PathTable<WatsonxCall> = {
  isOwnHost: (hostname) => hostname.endsWith(WATSONX_HOST_SUFFIX),
  provider: GEN_AI_PROVIDER_NAME_VALUE_IBM_WATSONX_AI,
  calls: [
    ['/text/generation_stream', { operation: GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION, stream: true }],
    ['/text/generation', { operation: GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION, stream: false }],
    ['/generation/text_stream', { operation: GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION, stream: true }],
    ['/generation/text', { operation: GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION, stream: false }],
    ['/text/chat_stream', { operation: GEN_AI_OPERATION_NAME_VALUE_CHAT, stream: true }],
    ['/text/chat', { operation: GEN_AI_OPERATION_NAME_VALUE_CHAT, stream: false }],
    ['/text/embeddings', { operation: GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, stream: false }],
  ],
  // Every watsonx.ai call is versioned by a `version=YYYY-MM-DD` query under `/ml/v1...`.
  signature: { query: 'version', path: /\/ml\/v\d+(?:-beta)?\// },
};

function watsonxMatch({ provider, call }: PathTableMatch<WatsonxCall>): ApiMatch {
  return {
    api: watsonxApi,
    provider,
    operation: call.operation,
    urlStream: call.stream,
    parseRequest: (body, captureContent) => parseWatsonxRequest({ provider, ...call }, body, captureContent),
    createAccumulator(response: ResponseInfo, facts: RequestFacts, captureContent: boolean): ResponseAccumulator {
      if (bodyKindOf(response.headers['content-type'], facts.stream) !== 'sse') {
        return createJsonAccumulator((body) => readWatsonxResponse(body, call.operation, captureContent));
      }
      // Chat streams are OpenAI-style chunks; generation streams are watsonx `results` events.
      return createSseAccumulator(
        call.operation === GEN_AI_OPERATION_NAME_VALUE_CHAT
          ? new OpenAiStreamReducer(captureContent)
          : new WatsonxGenerationStreamReducer(captureContent),
      );
    },
  };
}

/** IBM watsonx.ai's REST API (text generation, chat, embeddings), on IBM Cloud or behind any gateway. */
export const watsonxApi: LlmApi = {
  name: 'watsonx',
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
    const found = matchPathTable(WATSONX_PATHS, request, providerHint);
    return found ? watsonxMatch(found) : undefined;
  },
  signature: (request) => matchPathTableSignature(WATSONX_PATHS, request, watsonxMatch),
};
