import { trace, type TracerProvider } from '@opentelemetry/api';

/** The part of the API's ProxyTracerProvider we read; duck-typed, so another API copy's proxy also fits. */
interface DelegatingProvider extends TracerProvider {
  getDelegate?(): TracerProvider;
  getDelegateTracer?(name: string): unknown;
}

/**
 * The provider spans really go to: the delegate behind the API's proxy (the app's SDK provider,
 * or ours), or the API's no-op provider when none is set yet.
 */
export function currentTracerProvider(): TracerProvider {
  const provider = trace.getTracerProvider() as DelegatingProvider;
  return provider.getDelegate?.() ?? provider;
}

/**
 * Whether a tracer provider is set behind the API (an app's NodeSDK that started first, or ours):
 * the proxy then hands out its delegate's tracers instead of proxy tracers.
 */
export function hasTracerProvider(): boolean {
  const provider = trace.getTracerProvider() as DelegatingProvider;
  return typeof provider.getDelegateTracer !== 'function' || provider.getDelegateTracer('llm-otel') !== undefined;
}
