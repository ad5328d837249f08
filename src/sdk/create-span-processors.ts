import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import type { TracingConfig } from '../config/types.js';
import { createSpanExporter } from './create-exporter.js';
import { EndedSpanCounter } from './ended-span-counter.js';

/** The one counter of the process's exporting pipeline (register builds one), read at exit. */
export const endedSpans = new EndedSpanCounter();

/**
 * The exporting processor, as the NodeSDK builds it: the console exporter behind a simple
 * processor (each span printed when it ends), OTLP behind a batch processor with the OTEL_BSP_*
 * settings, nothing for `none`. Queue and batch sizes left unset keep the SDK's defaults (2048
 * queued, 512 per export): they bound our memory when the collector is down or slow, since newer
 * spans are dropped, never the app's requests.
 */
export function createSpanProcessors(config: TracingConfig): SpanProcessor[] {
  const exporter = createSpanExporter(config.exporter);
  if (!exporter) return [];
  if (exporter instanceof ConsoleSpanExporter) return [new SimpleSpanProcessor({ exporter })];
  const { batch } = config;
  return [
    endedSpans,
    new BatchSpanProcessor({
      exporter,
      scheduledDelayMillis: batch.scheduledDelayMs,
      exportTimeoutMillis: batch.exportTimeoutMs ?? config.exporter.timeoutMs,
      ...(batch.maxQueueSize !== undefined && { maxQueueSize: batch.maxQueueSize }),
      ...(batch.maxExportBatchSize !== undefined && { maxExportBatchSize: batch.maxExportBatchSize }),
    }),
  ];
}
