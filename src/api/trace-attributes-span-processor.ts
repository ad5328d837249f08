import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { reportOnce } from '../diagnostics/report-once.js';
import { traceScopeOf } from './trace-scope.js';

/**
 * Copies the user, session and tags of the enclosing `trace(...)` onto every span that starts
 * inside it, whoever starts it: the automatic LLM spans, other instrumentations' spans, the
 * app's own. The register entry adds it to its tracer provider; an app that builds its own SDK
 * adds it to `spanProcessors` (before its exporting processor is fine, order does not matter).
 */
export class TraceAttributesSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    try {
      const scope = traceScopeOf(parentContext);
      if (scope) span.setAttributes(scope.attributes);
    } catch (error) {
      reportOnce('copying trace attributes onto a span', error);
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
