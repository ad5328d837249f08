import { ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { ExporterConfig } from '../config/types.js';
import { OffThreadSpanExporter } from './off-thread-span-exporter.js';
import { otlpOptions } from './otlp-exporter-options.js';

/** The SDK's default queue (OTEL_BSP_MAX_QUEUE_SIZE): also how many spans may be in flight at once. */
const DEFAULT_MAX_QUEUE_SIZE = 2048;

/**
 * `none`: no exporter. OTLP: one that serializes on the app's thread and sends from an export
 * thread (off-thread-span-exporter.ts), its packages imported there, not on the app's thread.
 */
export function createSpanExporter(exporter: ExporterConfig, maxQueueSize = DEFAULT_MAX_QUEUE_SIZE): SpanExporter | undefined {
  if (exporter.type === 'none') return undefined;
  if (exporter.type === 'stdout') return new ConsoleSpanExporter();
  return new OffThreadSpanExporter({ protocol: exporter.protocol, options: otlpOptions(exporter) }, maxQueueSize);
}
