import type { ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseInfo } from '../types.js';
import { GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_GENERATE_CONTENT } from '../../semconv.js';
import { anthropicMessagesMatch } from '../anthropic/anthropic-api.js';
import { postPathOf } from '../post-path.js';
import { createGenerateContentAccumulator } from './generate-content-accumulator.js';
import { readGenerateContentPath } from './generate-content-path.js';
import { parseGenerateContentRequest } from './parse-generate-content-request.js';

/** Custom methods that call a Gemini model, and whether each streams. */
const GENERATE_METHODS: ReadonlyMap<string, boolean> = new Map([
  ['generateContent', false],
  ['streamGenerateContent', true],
]);

/** Claude on Vertex AI: the Anthropic Messages body, posted to the publisher model's URL. */
const ANTHROPIC_METHODS: ReadonlyMap<string, boolean> = new Map([
  ['rawPredict', false],
  ['streamRawPredict', true],
]);

export interface GenerateContentApiOptions {
  /** The config api name (`gemini`, `vertex_ai`). */
  name: string;
  /** The `gen_ai.provider.name` for its own hosts. */
  provider: string;
  /** Recognises the API's own hosts (lower-cased hostname). */
  isOwnHost(hostname: string): boolean;
  /** Whether `publishers/anthropic/models/<id>:rawPredict` is served (Vertex AI only). */
  servesAnthropicModels: boolean;
}

/**
 * The generateContent family, as both the Gemini API and Vertex AI serve it: the model comes from
 * the URL (`models/<id>:`), the stream flag from the method. A host mapped to this API in the
 * config is matched by path alone, under the mapping's provider.
 */
export function createGenerateContentApi(options: GenerateContentApiOptions): LlmApi {
  const api: LlmApi = {
    name: options.name,
    match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
      const pathname = postPathOf(request);
      if (pathname === undefined) return undefined;
      const provider = providerHint ?? (options.isOwnHost(request.url.hostname.toLowerCase()) ? options.provider : undefined);
      if (!provider) return undefined;
      const path = readGenerateContentPath(pathname);
      if (!path) return undefined;
      if (options.servesAnthropicModels && path.publisher === 'anthropic' && ANTHROPIC_METHODS.has(path.method)) {
        return anthropicMessagesMatch(api, {
          provider,
          operation: GEN_AI_OPERATION_NAME_VALUE_CHAT,
          urlModel: path.model,
          urlStream: ANTHROPIC_METHODS.get(path.method),
        });
      }
      const stream = GENERATE_METHODS.get(path.method);
      if (stream === undefined) return undefined;
      const base = { provider, operation: GEN_AI_OPERATION_NAME_VALUE_GENERATE_CONTENT, urlModel: path.model, stream };
      return {
        api,
        provider,
        operation: base.operation,
        urlModel: path.model,
        urlStream: stream,
        parseRequest: (body, captureContent) => parseGenerateContentRequest(base, body, captureContent),
        createAccumulator: (response: ResponseInfo, facts: RequestFacts, captureContent: boolean) =>
          createGenerateContentAccumulator(response, facts.stream, captureContent),
      };
    },
  };
  return api;
}
