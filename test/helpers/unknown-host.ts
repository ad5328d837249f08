/**
 * What a replay to an unknown host (a local server with no `providers:` mapping) can be expected
 * to show. The Anthropic, Gemini, Vertex AI, Bedrock, Cohere, Ollama and watsonx.ai APIs carry a
 * wire signature (path, headers, query) that names them on any host. Providers that speak the
 * OpenAI API are named by their host alone, so on an unknown host their calls are `openai` (Azure
 * OpenAI's `/openai/deployments/<name>/` path still names Azure). Aleph Alpha, Voyage AI and
 * Writer have neither: their paths (`/complete`, `/v1/embeddings`, `/v1/chat`) are common words,
 * and their servers keep their mapping in an unmapped replay.
 */

const WITHOUT_WIRE_SIGNATURE = new Set(['aleph_alpha', 'voyageai', 'writer']);
const NAMED_ONLY_BY_HOST = new Set(['groq', 'deepseek', 'together', 'mistral_ai']);

/** Whether calls of this provider (a fixture's `provider`) are recognised on a host nobody mapped. */
export function hasWireSignature(provider: string): boolean {
  return !WITHOUT_WIRE_SIGNATURE.has(provider);
}

/** The `gen_ai.provider.name` of a fixture's call replayed to an unknown host. */
export function providerOnUnknownHost(fixture: { provider: string }): string {
  return NAMED_ONLY_BY_HOST.has(fixture.provider) ? 'openai' : fixture.provider;
}
