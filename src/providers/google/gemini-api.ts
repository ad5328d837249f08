import { GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI } from '../../semconv.js';
import { createGenerateContentApi } from './generate-content-api.js';

const GEMINI_HOST = 'generativelanguage.googleapis.com';

/**
 * The Gemini API (Google AI Studio keys) on generativelanguage.googleapis.com, or any host that
 * serves its `/v1beta/models/<id>:generateContent` paths (a proxy in front of it).
 */
export const geminiApi = createGenerateContentApi({
  name: 'gemini',
  provider: GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  isOwnHost: (hostname) => hostname === GEMINI_HOST,
  isOwnPath: (pathname, path) => path.model !== undefined && path.publisher === undefined && !pathname.includes('/projects/'),
  servesAnthropicModels: false,
});
