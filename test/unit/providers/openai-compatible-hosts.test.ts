import { describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../../../src/providers/registry.js';

/**
 * Hosts that speak the OpenAI API under their own provider name, named without any mapping: the
 * conventions' well-known value where the list has one (x_ai, perplexity, deepseek, groq,
 * mistral_ai, azure.ai.openai, azure.ai.inference, cohere, gcp.gemini), else the name the provider
 * uses for itself. One case per row of the provider-host table.
 */
const ROWS: ReadonlyArray<readonly [url: string, provider: string]> = [
  ['https://api.openai.com/v1/chat/completions', 'openai'],
  ['https://api.x.ai/v1/chat/completions', 'x_ai'],
  ['https://api.perplexity.ai/chat/completions', 'perplexity'],
  ['https://openrouter.ai/api/v1/chat/completions', 'openrouter'],
  ['https://api.fireworks.ai/inference/v1/chat/completions', 'fireworks_ai'],
  ['https://api.cerebras.ai/v1/chat/completions', 'cerebras'],
  ['https://router.huggingface.co/v1/chat/completions', 'huggingface'],
  ['https://integrate.api.nvidia.com/v1/chat/completions', 'nvidia'],
  ['https://api.together.xyz/v1/chat/completions', 'together'],
  ['https://api.together.ai/v1/completions', 'together'],
  ['https://api.deepseek.com/chat/completions', 'deepseek'],
  ['https://api.groq.com/openai/v1/chat/completions', 'groq'],
  ['https://api.mistral.ai/v1/chat/completions', 'mistral_ai'],
  ['https://api.writer.com/v1/chat', 'writer'],
  ['https://my-resource.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', 'azure.ai.openai'],
  ['https://my-resource.cognitiveservices.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', 'azure.ai.openai'],
  ['https://my-project.services.ai.azure.com/models/chat/completions?api-version=2024-05-01-preview', 'azure.ai.inference'],
  ['https://my-endpoint.eastus2.models.ai.azure.com/chat/completions', 'azure.ai.inference'],
  // An AI Foundry resource also serves the Azure OpenAI API, under its deployment path.
  ['https://my-project.services.ai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', 'azure.ai.openai'],
  ['https://api.cohere.ai/compatibility/v1/chat/completions', 'cohere'],
  ['https://api.cohere.com/compatibility/v1/embeddings', 'cohere'],
  ['https://generativelanguage.googleapis.com/v1beta/openai/chat/completions', 'gcp.gemini'],
];

describe('the provider-host table', () => {
  it.each(ROWS)('%s is %s', (url, provider) => {
    const match = new ProviderRegistry().match({ method: 'POST', url: new URL(url) });
    expect(match?.api.name).toBe('openai');
    expect(match?.provider).toBe(provider);
  });

  it('an unknown host speaking the OpenAI API stays openai', () => {
    expect(new ProviderRegistry().match({ method: 'POST', url: new URL('https://llm.corp/v1/chat/completions') })?.provider).toBe('openai');
  });

  it('Cohere\'s own API on its host is still read by the Cohere parser', () => {
    expect(new ProviderRegistry().match({ method: 'POST', url: new URL('https://api.cohere.com/v2/chat') })?.api.name).toBe('cohere');
  });
});
