import { GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI } from '../../semconv.js';
import { createGenerateContentApi } from './generate-content-api.js';

/**
 * Vertex AI hosts: regional (`us-central1-aiplatform.googleapis.com`), global and express mode
 * (`aiplatform.googleapis.com`), and multi-region (`aiplatform.eu.rep.googleapis.com`).
 */
function isVertexAiHost(hostname: string): boolean {
  return (
    hostname === 'aiplatform.googleapis.com' ||
    hostname.endsWith('-aiplatform.googleapis.com') ||
    (hostname.startsWith('aiplatform.') && hostname.endsWith('.rep.googleapis.com'))
  );
}

/** Gemini (and Claude) models on Vertex AI, on its own hosts or behind any gateway that keeps its paths. */
export const vertexAiApi = createGenerateContentApi({
  name: 'vertex_ai',
  provider: GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  isOwnHost: isVertexAiHost,
  isOwnPath: (pathname, path) => path.publisher !== undefined || pathname.includes('/projects/'),
  servesAnthropicModels: true,
});
