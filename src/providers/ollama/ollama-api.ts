import type { ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseAccumulator, ResponseInfo } from '../types.js';
import {
  GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION,
} from '../../semconv.js';
import { PROVIDER_NAME_VALUE_OLLAMA } from '../../gen-ai-values.js';
import { bodyKindOf } from '../body-kind.js';
import { matchPathTable, type PathTable } from '../path-table.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { createNdjsonAccumulator } from '../stream/ndjson-accumulator.js';
import { openAiApi } from '../openai/openai-api.js';
import { parseOllamaRequest } from './parse-ollama-request.js';
import { readOllamaResponse } from './read-ollama-response.js';
import { OllamaStreamReducer } from './ollama-stream-reducer.js';

/** The port `ollama serve` listens on unless OLLAMA_HOST says otherwise. */
const OLLAMA_DEFAULT_PORT = '11434';

const OLLAMA_PATHS: PathTable<string> = {
  isOwnHost: () => true,
  provider: PROVIDER_NAME_VALUE_OLLAMA,
  exactOnOwnHost: true,
  calls: [
    ['/api/chat', GEN_AI_OPERATION_NAME_VALUE_CHAT],
    ['/api/generate', GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION],
    ['/api/embeddings', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
    ['/api/embed', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
  ],
};

/**
 * Ollama's native API. Ollama runs anywhere (localhost, a LAN box, ollama.com), so its paths are
 * recognised on any host: exactly `/api/chat` etc. there, with any prefix behind a mapped host.
 * Ollama's OpenAI-compatible `/v1/...` endpoints on its default port (or a host mapped to
 * `ollama`) are read by the OpenAI parser and named `ollama`.
 */
export const ollamaApi: LlmApi = {
  name: 'ollama',
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
    const found = matchPathTable(OLLAMA_PATHS, request, providerHint);
    if (!found) {
      const provider = providerHint ?? PROVIDER_NAME_VALUE_OLLAMA;
      return providerHint || request.url.port === OLLAMA_DEFAULT_PORT ? openAiApi.match(request, provider) : undefined;
    }
    const { provider, call: operation } = found;
    return {
      api: ollamaApi,
      provider,
      operation,
      parseRequest: (body, captureContent) => parseOllamaRequest({ provider, operation }, body, captureContent),
      createAccumulator(response: ResponseInfo, facts: RequestFacts, captureContent: boolean): ResponseAccumulator {
        return bodyKindOf(response.headers['content-type'], facts.stream) === 'ndjson'
          ? createNdjsonAccumulator(new OllamaStreamReducer(operation, response.status, captureContent))
          : createJsonAccumulator((body) => readOllamaResponse(body, operation, response.status, captureContent));
      },
    };
  },
};
