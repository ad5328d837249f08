import { GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI } from '../../semconv.js';
import { createGenerateContentApi } from './generate-content-api.js';

const GEMINI_HOST = 'generativelanguage.googleapis.com';

/** The Gemini API (Google AI Studio keys) on generativelanguage.googleapis.com. */
export const geminiApi = createGenerateContentApi({
  name: 'gemini',
  provider: GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  isOwnHost: (hostname) => hostname === GEMINI_HOST,
  servesAnthropicModels: false,
});
