import {
  GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_INFERENCE, GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI, GEN_AI_PROVIDER_NAME_VALUE_COHERE,
  GEN_AI_PROVIDER_NAME_VALUE_DEEPSEEK, GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI, GEN_AI_PROVIDER_NAME_VALUE_GROQ,
  GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI, GEN_AI_PROVIDER_NAME_VALUE_OPENAI, GEN_AI_PROVIDER_NAME_VALUE_PERPLEXITY,
  GEN_AI_PROVIDER_NAME_VALUE_X_AI,
} from '../../semconv.js';
import {
  PROVIDER_NAME_VALUE_CEREBRAS, PROVIDER_NAME_VALUE_FIREWORKS_AI, PROVIDER_NAME_VALUE_HUGGINGFACE, PROVIDER_NAME_VALUE_NVIDIA,
  PROVIDER_NAME_VALUE_OPENROUTER, PROVIDER_NAME_VALUE_TOGETHER, PROVIDER_NAME_VALUE_WRITER,
} from '../../gen-ai-values.js';

/** One host (or `*.` sub-domains) that speaks the OpenAI API, under a path prefix when only part of it does. */
export interface OpenAiCompatibleHost {
  readonly host: string;
  readonly pathPrefix?: string;
  readonly provider: string;
}

/**
 * The provider-host table: hosts that speak the OpenAI API, and the `gen_ai.provider.name` each one
 * is, without any mapping. Values come from the conventions' well-known list where it has one
 * (src/semconv.ts), else from gen-ai-values.ts. The first row that fits wins, so a path-prefixed
 * row comes before its host's catch-all. test/unit/providers/openai-compatible-hosts.test.ts has a
 * case per row.
 */
const OPENAI_COMPATIBLE_HOSTS: readonly OpenAiCompatibleHost[] = [
  { host: 'api.openai.com', provider: GEN_AI_PROVIDER_NAME_VALUE_OPENAI },
  { host: '*.openai.azure.com', provider: GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI },
  { host: '*.cognitiveservices.azure.com', provider: GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI },
  // An Azure AI Foundry resource serves Azure OpenAI under /openai/ and the model inference API elsewhere.
  { host: '*.services.ai.azure.com', pathPrefix: '/openai/', provider: GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI },
  { host: '*.services.ai.azure.com', provider: GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_INFERENCE },
  { host: '*.models.ai.azure.com', provider: GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_INFERENCE },
  { host: 'api.x.ai', provider: GEN_AI_PROVIDER_NAME_VALUE_X_AI },
  { host: 'api.perplexity.ai', provider: GEN_AI_PROVIDER_NAME_VALUE_PERPLEXITY },
  { host: 'api.deepseek.com', provider: GEN_AI_PROVIDER_NAME_VALUE_DEEPSEEK },
  { host: 'api.groq.com', provider: GEN_AI_PROVIDER_NAME_VALUE_GROQ },
  { host: 'api.mistral.ai', provider: GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI },
  // Cohere's and Gemini's OpenAI-compatibility endpoints; their native APIs are read by their own parsers.
  { host: 'api.cohere.com', pathPrefix: '/compatibility/', provider: GEN_AI_PROVIDER_NAME_VALUE_COHERE },
  { host: 'api.cohere.ai', pathPrefix: '/compatibility/', provider: GEN_AI_PROVIDER_NAME_VALUE_COHERE },
  { host: 'generativelanguage.googleapis.com', pathPrefix: '/v1beta/openai/', provider: GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI },
  { host: 'openrouter.ai', provider: PROVIDER_NAME_VALUE_OPENROUTER },
  { host: 'api.fireworks.ai', provider: PROVIDER_NAME_VALUE_FIREWORKS_AI },
  { host: 'api.cerebras.ai', provider: PROVIDER_NAME_VALUE_CEREBRAS },
  { host: 'router.huggingface.co', provider: PROVIDER_NAME_VALUE_HUGGINGFACE },
  { host: 'integrate.api.nvidia.com', provider: PROVIDER_NAME_VALUE_NVIDIA },
  { host: 'api.together.xyz', provider: PROVIDER_NAME_VALUE_TOGETHER },
  { host: 'api.together.ai', provider: PROVIDER_NAME_VALUE_TOGETHER },
  { host: 'api.writer.com', provider: PROVIDER_NAME_VALUE_WRITER },
];

/** A `*.` row fits its sub-domains (the host name comes lower-cased from the URL parser). */
function hostFits(row: OpenAiCompatibleHost, host: string): boolean {
  return host.endsWith(row.host.slice(1));
}

/** Rows by exact host, so that the common lookup is one Map get; `*.` rows are few and scanned. */
const ROWS_BY_HOST = new Map<string, OpenAiCompatibleHost[]>();
const WILDCARD_ROWS = OPENAI_COMPATIBLE_HOSTS.filter((row) => row.host.startsWith('*.'));
for (const row of OPENAI_COMPATIBLE_HOSTS) {
  if (row.host.startsWith('*.')) continue;
  ROWS_BY_HOST.set(row.host, [...(ROWS_BY_HOST.get(row.host) ?? []), row]);
}

function fitsPath(row: OpenAiCompatibleHost, path: string): boolean {
  return row.pathPrefix === undefined || path.startsWith(row.pathPrefix);
}

/** The provider of an OpenAI-compatible host for this path, or undefined when the table has no such host. */
export function openAiCompatibleProviderOf(hostname: string, path: string): string | undefined {
  const exact = ROWS_BY_HOST.get(hostname);
  if (exact) return exact.find((row) => fitsPath(row, path))?.provider;
  for (const row of WILDCARD_ROWS) if (hostFits(row, hostname) && fitsPath(row, path)) return row.provider;
  return undefined;
}
