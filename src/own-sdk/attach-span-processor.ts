import type { TracerProvider } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { TraceAttributesSpanProcessor } from '../api/trace-attributes-span-processor.js';

/**
 * The processor list of an `@opentelemetry/sdk-trace` TracerProvider. The SDK builds it from its
 * constructor options and offers no way to add one later; its own forceFlush and toString read
 * the list under these names, so we read it the same way and touch nothing else.
 */
interface SdkTracerProviderShape {
  _activeSpanProcessor?: { _spanProcessors?: SpanProcessor[] };
}

/**
 * Puts our TraceAttributesSpanProcessor first on an app's SDK tracer provider (the NodeSDK's),
 * once, so user, session and tags of a `trace(...)` reach every span inside it, other libraries'
 * too. Returns false for a provider of another shape (then only llm-otel's own spans carry them).
 */
export function attachTraceAttributesProcessor(provider: TracerProvider): boolean {
  const processors = (provider as SdkTracerProviderShape)._activeSpanProcessor?._spanProcessors;
  if (!Array.isArray(processors)) return false;
  if (!processors.some((processor) => processor instanceof TraceAttributesSpanProcessor)) {
    processors.unshift(new TraceAttributesSpanProcessor());
  }
  return true;
}
