import { createContextKey } from '@opentelemetry/api';

/**
 * Marks the context in which a wrapped fetch runs, so the undici hooks further down the same
 * async chain find the exchange that the fetch started.
 */
export const EXCHANGE_CONTEXT_KEY = createContextKey('llm-otel exchange');
