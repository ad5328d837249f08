import type { ApiMatch, HttpRequestInfo, LlmApi, ProviderMapping, RequestHeaderReader, SignatureCheck } from './types.js';
import { recognitionRequest } from './post-path.js';
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
 * Every API family we parse, in the order the registry asks them: first for their own hosts, then
 * for their wire signatures on hosts nobody mapped. `openAiApi` is last in both: its paths
 * (`/v1/chat/completions` on vLLM, LiteLLM, a gateway) are the signature of last resort, and
 * watsonx's `/ml/v1/text/embeddings` must be claimed before OpenAI's `/embeddings` is.
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
  ollamaApi,
  openAiApi,
];

/** The `api` names a `providers:` mapping may give: exactly the APIs there is a parser for. */
export const LLM_API_NAMES: readonly string[] = LLM_APIS.map((api) => api.name);

function hostMatches(pattern: string, url: URL): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) return url.hostname.endsWith(p.slice(1));
  return p.includes(':') ? p === url.host.toLowerCase() : p === url.hostname.toLowerCase();
}

function isSignatureCheck(found: ApiMatch | SignatureCheck): found is SignatureCheck {
  return 'confirm' in found;
}

/**
 * What a method and URL say, remembered per URL by the capture (request-match-cache.ts): a match
 * when they decide alone, else a confirmation that reads the one header a candidate path needs.
 * Neither (an empty object) for a request that is no LLM call, the common case, which reads nothing.
 */
export interface UrlRecognition {
  readonly match?: ApiMatch;
  readonly confirm?: (header: RequestHeaderReader) => ApiMatch | undefined;
}

const NOT_AN_LLM_CALL: UrlRecognition = Object.freeze({});

/** Candidates in order: the first whose header confirms it wins, else the URL-only match after them. */
function confirmInOrder(checks: readonly SignatureCheck[], fallback: ApiMatch | undefined): UrlRecognition['confirm'] {
  return (header) => {
    for (const check of checks) {
      const match = check.confirm(header);
      if (match) return match;
    }
    return fallback;
  };
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

  /**
   * What the method and URL alone say: a mapped host, an API's own host, or a wire signature.
   * Reads no header; the result holds no per-call state, so one serves every call to the URL.
   */
  recognise(method: string, url: URL): UrlRecognition {
    // Every model call we read is a POST: other requests need no API's opinion.
    if (method !== 'POST') return NOT_AN_LLM_CALL;
    const request = recognitionRequest(method, url);
    for (const mapping of this.mappings) {
      if (!hostMatches(mapping.host, url)) continue;
      const match = this.apisByName.get(mapping.api)?.match(request, mapping.provider);
      if (match) return { match };
    }
    for (const api of this.apis) {
      const match = api.match(request);
      if (match) return { match };
    }
    let checks: SignatureCheck[] | undefined;
    for (const api of this.apis) {
      const found = api.signature?.(request);
      if (!found) continue;
      if (!isSignatureCheck(found)) return checks ? { confirm: confirmInOrder(checks, found) } : { match: found };
      (checks ??= []).push(found);
    }
    return checks ? { confirm: confirmInOrder(checks, undefined) } : NOT_AN_LLM_CALL;
  }

  /** The API match for this request, or undefined when it is not an LLM call we know. */
  match(request: HttpRequestInfo): ApiMatch | undefined {
    const { match, confirm } = this.recognise(request.method, request.url);
    return match ?? confirm?.(request.header ?? NO_HEADERS);
  }
}

const NO_HEADERS: RequestHeaderReader = () => undefined;
