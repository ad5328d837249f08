import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type BatchSpanProcessorOptions, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace';
import type { TracingConfig } from '../config/types.js';
import { createSpanExporter } from './create-exporter.js';
import { EndedSpanCounter } from './ended-span-counter.js';

/** The one counter of the process's exporting pipeline (register builds one), read at exit. */
export const endedSpans = new EndedSpanCounter();

/**
 * The batch processor's flush hands its queue to the exporter and waits for the exporter's answer;
 * ours answers each batch at once and sends it from its thread, so a flush also waits for those sends.
 */
class BatchSpanProcessorFlushingExporter extends BatchSpanProcessor {
  constructor(private readonly exporter: SpanExporter, options: Omit<BatchSpanProcessorOptions, 'exporter'>) {
    super({ exporter, ...options });
  }

  override async forceFlush(): Promise<void> {
    try {
      await super.forceFlush();
    } finally {
      // Also when a batch was refused (too many spans in flight): the ones in flight still count.
      await this.exporter.forceFlush?.();
    }
  }
}

/**
 * The exporting processor, as the NodeSDK builds it: the console exporter behind a simple
 * processor (each span printed when it ends), OTLP behind a batch processor with the OTEL_BSP_*
 * settings, nothing for `none`. Queue and batch sizes left unset keep the SDK's defaults (2048
 * queued, 512 per export): they bound our memory when the collector is down or slow, since newer
 * spans are dropped, never the app's requests; the exporter holds at most as many in flight.
 */
export function createSpanProcessors(config: TracingConfig): SpanProcessor[] {
  const { batch } = config;
  const exporter = createSpanExporter(config.exporter, batch.maxQueueSize);
  if (!exporter) return [];
  if (exporter instanceof ConsoleSpanExporter) return [new SimpleSpanProcessor({ exporter })];
  return [
    endedSpans,
    new BatchSpanProcessorFlushingExporter(exporter, {
      scheduledDelayMillis: batch.scheduledDelayMs,
      exportTimeoutMillis: batch.exportTimeoutMs ?? config.exporter.timeoutMs,
      ...(batch.maxQueueSize !== undefined && { maxQueueSize: batch.maxQueueSize }),
      ...(batch.maxExportBatchSize !== undefined && { maxExportBatchSize: batch.maxExportBatchSize }),
    }),
  ];
}
