import type { ApiMatch, HttpRequestInfo, LlmApi, ProviderMapping } from './types.js';
import { openAiApi } from './openai/openai-api.js';
import { anthropicApi } from './anthropic/anthropic-api.js';
import { geminiApi } from './google/gemini-api.js';
import { vertexAiApi } from './google/vertex-ai-api.js';
import { cohereApi } from './cohere/cohere-api.js';
import { ollamaApi } from './ollama/ollama-api.js';
import { watsonxApi } from './watsonx/watsonx-api.js';
import { alephAlphaApi } from './aleph-alpha/aleph-alpha-api.js';
import { voyageApi } from './voyage/voyage-api.js';
import { bedrockApi } from './bedrock/bedrock-api.js';

/**
 * Every API family we parse. Host-specific APIs come first; `openAiApi` is last because it also
 * claims unknown hosts by path (`/v1/chat/completions` on a vLLM or LiteLLM server).
 */
export const LLM_APIS: readonly LlmApi[] = [
  bedrockApi,
  anthropicApi,
  geminiApi,
  vertexAiApi,
  cohereApi,
  watsonxApi,
  alephAlphaApi,
  voyageApi,
  // Ollama claims exact `/api/chat`-style paths on any host, so it follows the host-bound APIs.
  ollamaApi,
  openAiApi,
];

function hostMatches(pattern: string, url: URL): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) return url.hostname.endsWith(p.slice(1));
  return p.includes(':') ? p === url.host.toLowerCase() : p === url.hostname.toLowerCase();
}

/** Recognises LLM API requests, honouring the user's host -> provider mappings first. */
export class ProviderRegistry {
  private readonly apisByName: ReadonlyMap<string, LlmApi>;

  constructor(
    private readonly mappings: readonly ProviderMapping[] = [],
    private readonly apis: readonly LlmApi[] = LLM_APIS,
  ) {
    this.apisByName = new Map(apis.map((api) => [api.name, api]));
  }

  /** The API match for this request, or undefined when it is not an LLM call we know. */
  match(request: HttpRequestInfo): ApiMatch | undefined {
    for (const mapping of this.mappings) {
      if (!hostMatches(mapping.host, request.url)) continue;
      const api = this.apisByName.get(mapping.api);
      const match = api?.match(request, mapping.provider);
      if (match) return match;
    }
    for (const api of this.apis) {
      const match = api.match(request);
      if (match) return match;
    }
    return undefined;
  }
}
