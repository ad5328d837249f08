import type { ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseInfo } from '../types.js';
import { GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_GENERATE_CONTENT } from '../../semconv.js';
import { anthropicMessagesMatch } from '../anthropic/anthropic-api.js';
import { hostnameOf, postPathOf } from '../post-path.js';
import { createGenerateContentAccumulator } from './generate-content-accumulator.js';
import { readGenerateContentPath, type GenerateContentPath } from './generate-content-path.js';
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

/** `candidatesTokenCount` leaves out `thoughtsTokenCount` (reported as reasoning tokens). */
const GENERATE_CONTENT_USAGE_COUNTING = { outputExcludesReasoning: true } as const;

export interface GenerateContentApiOptions {
  /** The config api name (`gemini`, `vertex_ai`). */
  name: string;
  /** The `gen_ai.provider.name` for its own hosts. */
  provider: string;
  /** Recognises the API's own hosts (lower-cased hostname). */
  isOwnHost(hostname: string): boolean;
  /**
   * Whether a model-call path is this API's on a host nobody mapped: Vertex AI paths name a
   * project or a publisher (`/projects/p/locations/l/...`, `/publishers/google/models/...`), Gemini
   * API paths do neither (`/v1beta/models/<id>:generateContent`).
   */
  isOwnPath(pathname: string, path: GenerateContentPath): boolean;
  /** Whether `publishers/anthropic/models/<id>:rawPredict` is served (Vertex AI only). */
  servesAnthropicModels: boolean;
}

/**
 * The generateContent family, as both the Gemini API and Vertex AI serve it: the model comes from
 * the URL (`models/<id>:`), the stream flag from the method. A host mapped to this API in the
 * config is matched by path alone, under the mapping's provider; so is any other host, as the
 * `:generateContent` custom method of a Google model resource is the API's own wire signature.
 */
export function createGenerateContentApi(options: GenerateContentApiOptions): LlmApi {
  const matchPath = (pathname: string, provider: string): ApiMatch | undefined => {
    const path = readGenerateContentPath(pathname);
    if (!path) return undefined;
    return matchOf(path, provider);
  };
  const matchOf = (path: GenerateContentPath, provider: string): ApiMatch | undefined => {
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
      usageCounting: GENERATE_CONTENT_USAGE_COUNTING,
      parseRequest: (body, captureContent) => parseGenerateContentRequest(base, body, captureContent),
      createAccumulator: (response: ResponseInfo, facts: RequestFacts, captureContent: boolean) =>
        createGenerateContentAccumulator(response, facts.stream, captureContent),
    };
  };
  const api: LlmApi = {
    name: options.name,
    match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
      const pathname = postPathOf(request);
      if (pathname === undefined) return undefined;
      const provider = providerHint ?? (options.isOwnHost(hostnameOf(request)) ? options.provider : undefined);
      return provider ? matchPath(pathname, provider) : undefined;
    },
    signature(request: HttpRequestInfo): ApiMatch | undefined {
      const pathname = postPathOf(request);
      if (pathname === undefined) return undefined;
      const path = readGenerateContentPath(pathname);
      return path && options.isOwnPath(pathname, path) ? matchOf(path, options.provider) : undefined;
    },
  };
  return api;
}
