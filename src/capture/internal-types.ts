import type { GenAiConventions } from '../spans/genai-conventions.js';
import type { Tracer } from '@opentelemetry/api';
import type { ProviderRegistry } from '../providers/registry.js';
import type { ExchangeListener } from './types.js';

/** What the capture layer needs to know of the configuration. */
export interface CaptureSettings {
  readonly captureContent: boolean;
  readonly maxContentBytes: number;
  /** Which GenAI conventions span attributes follow; `default` when absent. */
  readonly genAiConventions?: GenAiConventions;
}

/** What every transport capture shares: where spans go and how requests are recognised. */
export interface CaptureRuntime {
  readonly tracer: () => Tracer;
  readonly registry: ProviderRegistry;
  readonly settings: CaptureSettings & { readonly traceNonLlmRequests: boolean };
  readonly listeners: ExchangeListener[];
}
