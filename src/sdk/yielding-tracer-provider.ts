import type { Span, SpanOptions, Tracer, TracerOptions, TracerProvider, Context } from '@opentelemetry/api';
import { currentTracerProvider } from '../own-sdk/registered-provider.js';

/**
 * What register puts behind the API instead of its provider itself. Tracers handed out before an
 * app's NodeSDK starts (its instrumentations take theirs in `start()` before it registers its
 * provider) would otherwise keep sending to ours; these send to whichever provider is behind the
 * API when each span starts: ours until the app's replaces it, then the app's.
 */
export class YieldingTracerProvider implements TracerProvider {
  constructor(private readonly own: TracerProvider) {}

  getTracer(name: string, version?: string, options?: TracerOptions): Tracer {
    const ownTracer = this.own.getTracer(name, version, options);
    let appTracer: Tracer | undefined;
    const target = (): Tracer => {
      const current = currentTracerProvider();
      return current === this ? ownTracer : (appTracer ??= current.getTracer(name, version, options));
    };
    return {
      startSpan: (spanName: string, spanOptions?: SpanOptions, ctx?: Context): Span => target().startSpan(spanName, spanOptions, ctx),
      startActiveSpan: ((...args: Parameters<Tracer['startActiveSpan']>) =>
        (target().startActiveSpan as (...a: unknown[]) => unknown)(...args)) as Tracer['startActiveSpan'],
    };
  }
}
