import {
  GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI, GEN_AI_PROVIDER_NAME_VALUE_DEEPSEEK, GEN_AI_PROVIDER_NAME_VALUE_GROQ,
  GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI, GEN_AI_PROVIDER_NAME_VALUE_OPENAI, GEN_AI_PROVIDER_NAME_VALUE_PERPLEXITY,
  GEN_AI_PROVIDER_NAME_VALUE_X_AI,
} from '../../semconv.js';
import { PROVIDER_NAME_VALUE_TOGETHER, PROVIDER_NAME_VALUE_WRITER } from '../../gen-ai-values.js';

/**
 * Hosts known to speak the OpenAI API, and the `gen_ai.provider.name` each one is. Values come
 * from the conventions' well-known list where it has one, else from gen-ai-values.ts.
 */
const EXACT_HOSTS: ReadonlyMap<string, string> = new Map([
  ['api.openai.com', GEN_AI_PROVIDER_NAME_VALUE_OPENAI],
  ['api.groq.com', GEN_AI_PROVIDER_NAME_VALUE_GROQ],
  ['api.deepseek.com', GEN_AI_PROVIDER_NAME_VALUE_DEEPSEEK],
  ['api.mistral.ai', GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI],
  ['api.x.ai', GEN_AI_PROVIDER_NAME_VALUE_X_AI],
  ['api.perplexity.ai', GEN_AI_PROVIDER_NAME_VALUE_PERPLEXITY],
  ['api.together.xyz', PROVIDER_NAME_VALUE_TOGETHER],
  ['api.together.ai', PROVIDER_NAME_VALUE_TOGETHER],
  ['api.writer.com', PROVIDER_NAME_VALUE_WRITER],
]);

const AZURE_SUFFIXES = ['.openai.azure.com', '.cognitiveservices.azure.com', '.services.ai.azure.com'];

/** Provider for a host, or undefined when the host is not one we know. */
export function openAiCompatibleProviderOf(hostname: string): string | undefined {
  const host = hostname.toLowerCase();
  const exact = EXACT_HOSTS.get(host);
  if (exact) return exact;
  if (AZURE_SUFFIXES.some((suffix) => host.endsWith(suffix))) return GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI;
  return undefined;
}
