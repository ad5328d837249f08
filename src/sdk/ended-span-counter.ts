import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Counts the spans that ended (only recorded spans reach a processor), so that exit can say how
 * many of them never reached the collector: ended minus what the exporter reported sent.
 */
export class EndedSpanCounter implements SpanProcessor {
  ended = 0;

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(_span: ReadableSpan): void {
    this.ended += 1;
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
