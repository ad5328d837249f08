import { createContextKey, type Tracer } from '@opentelemetry/api';
import type { ProviderRegistry } from '../providers/registry.js';
import type { CaptureSettings, ExchangeListener, LlmExchange } from './llm-exchange.js';

/** What every transport capture shares: where spans go and how requests are recognised. */
export interface CaptureRuntime {
  readonly tracer: () => Tracer;
  readonly registry: ProviderRegistry;
  readonly settings: CaptureSettings & { readonly traceNonLlmRequests: boolean };
  readonly listeners: ExchangeListener[];
}

/**
 * Marks the context in which a wrapped fetch runs, so the undici hooks further down the same
 * async chain find the exchange that the fetch started.
 */
export const EXCHANGE_CONTEXT_KEY = createContextKey('llm-otel exchange');

export type ExchangeInContext = LlmExchange;
