import type { ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseAccumulator, ResponseInfo } from '../types.js';
import {
  GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION,
} from '../../semconv.js';
import { PROVIDER_NAME_VALUE_OLLAMA } from '../../gen-ai-values.js';
import { bodyKindOf } from '../body-kind.js';
import { matchPathTable, matchPathTableSignature, type PathTable, type PathTableMatch } from '../path-table.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { createNdjsonAccumulator } from '../stream/ndjson-accumulator.js';
import { openAiApi } from '../openai/openai-api.js';
import { parseOllamaRequest } from './parse-ollama-request.js';
import { readOllamaResponse } from './read-ollama-response.js';
import { OllamaStreamReducer } from './ollama-stream-reducer.js';

/** The port `ollama serve` listens on unless OLLAMA_HOST says otherwise. */
const OLLAMA_DEFAULT_PORT = '11434';

/** The User-Agent of Ollama's own clients: `ollama-js/0.6.4 (x64 linux Node.js/v24...)`, `ollama-python/0.5.1 ...`. */
const OLLAMA_CLIENT_AGENT = /^ollama-(?:js|python)\//i;

const OLLAMA_PATHS: PathTable<string> = {
  // Ollama runs anywhere (localhost, a LAN box, a container); its own port is the host rule.
  isOwnHost: (_hostname, url) => url.port === OLLAMA_DEFAULT_PORT,
  provider: PROVIDER_NAME_VALUE_OLLAMA,
  exactOnOwnHost: true,
  calls: [
    ['/api/chat', GEN_AI_OPERATION_NAME_VALUE_CHAT],
    ['/api/generate', GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION],
    ['/api/embeddings', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
    ['/api/embed', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
  ],
  // `/api/chat` is a common app path; on another port only Ollama's clients name it.
  signature: { header: 'user-agent', test: (value) => OLLAMA_CLIENT_AGENT.test(value) },
};

function ollamaMatch({ provider, call: operation }: PathTableMatch<string>): ApiMatch {
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
}

/**
 * Ollama's native API: exactly `/api/chat` etc. on Ollama's default port, with any prefix behind a
 * mapped host, and on any other host when the request comes from an Ollama client. Ollama's
 * OpenAI-compatible `/v1/...` endpoints on its default port (or a host mapped to `ollama`) are
 * read by the OpenAI parser and named `ollama`.
 */
export const ollamaApi: LlmApi = {
  name: 'ollama',
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
    const found = matchPathTable(OLLAMA_PATHS, request, providerHint);
    if (found) return ollamaMatch(found);
    return providerHint || request.url.port === OLLAMA_DEFAULT_PORT
      ? openAiApi.match(request, providerHint ?? PROVIDER_NAME_VALUE_OLLAMA)
      : undefined;
  },
  signature: (request) => matchPathTableSignature(OLLAMA_PATHS, request, ollamaMatch),
};
