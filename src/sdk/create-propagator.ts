import { createRequire } from 'node:module';
import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { PropagatorName } from '../config/types.js';

/**
 * The propagators OTEL_PROPAGATORS names, as the NodeSDK builds them. B3 comes from its own
 * package, loaded only when named (synchronously: the propagator must be in place before the app's
 * first request).
 */
export function createPropagator(names: readonly PropagatorName[]): TextMapPropagator | undefined {
  if (names.length === 0) return undefined;
  const propagators = names.map((name): TextMapPropagator => {
    if (name === 'tracecontext') return new W3CTraceContextPropagator();
    if (name === 'baggage') return new W3CBaggagePropagator();
    const b3 = createRequire(import.meta.url)('@opentelemetry/propagator-b3') as typeof import('@opentelemetry/propagator-b3');
    return new b3.B3Propagator(name === 'b3multi' ? { injectEncoding: b3.B3InjectEncoding.MULTI_HEADER } : {});
  });
  return propagators.length === 1 ? propagators[0] : new CompositePropagator({ propagators });
}
