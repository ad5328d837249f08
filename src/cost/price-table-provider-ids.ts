/**
 * `gen_ai.provider.name` values -> provider ids of the `@pydantic/genai-prices` table.
 *
 * Only providers that bill by the table's prices are listed. Anything else (Ollama, a vLLM
 * server, a custom gateway name from the YAML `providers:` mappings) gets no cost: guessing a
 * vendor's price for a self-hosted model would put a wrong number on every span.
 */
const PROVIDER_IDS: ReadonlyMap<string, string> = new Map([
  ['openai', 'openai'],
  ['azure.ai.openai', 'azure'],
  ['anthropic', 'anthropic'],
  ['aws.bedrock', 'aws'],
  ['gcp.gemini', 'google'],
  ['gcp.vertex_ai', 'google'],
  ['gcp.gen_ai', 'google'],
  ['cohere', 'cohere'],
  ['mistral_ai', 'mistral'],
  ['groq', 'groq'],
  ['deepseek', 'deepseek'],
  ['together', 'together'],
  ['voyageai', 'voyageai'],
  ['x_ai', 'x-ai'],
  ['perplexity', 'perplexity'],
  ['moonshot_ai', 'moonshotai'],
]);

export function priceTableProviderId(providerName: string): string | undefined {
  return PROVIDER_IDS.get(providerName);
}
