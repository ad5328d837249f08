import type { Resource } from '@opentelemetry/resources';
import { ConsoleMetricExporter, InstrumentType, MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { LlmHttpInstrumentation } from '../capture/llm-http-instrumentation.js';
import type { ExporterConfig, MetricsConfig } from '../config/types.js';
import { InProcessHistograms } from '../metrics/in-process-histograms.js';
import { OffThreadMetricExporter } from './off-thread-metric-exporter.js';
import { otlpOptions } from './otlp-exporter-options.js';
import { temporalitySelector } from './metric-temporality.js';

export interface MetricsHandle {
  readonly meterProvider: MeterProvider;
  /** Exports what was measured since the last flush; does nothing when no LLM call finished since. */
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

function createMetricExporter(metricsConfig: MetricsConfig, exporter: ExporterConfig): PushMetricExporter {
  if (metricsConfig.exporter === 'console') return new ConsoleMetricExporter();
  // The traces' timeout and headers; the URL is the metrics' own (undefined: the exporter's variables).
  const { timeoutMillis, headers } = otlpOptions(exporter);
  const options = { timeoutMillis, ...(headers && { headers }), ...(metricsConfig.endpoint !== undefined && { url: metricsConfig.endpoint }) };
  // Sent from an export thread; the reader takes its temporality from the exporter it is given.
  return new OffThreadMetricExporter({ protocol: metricsConfig.protocol, options }, temporalitySelector(metricsConfig.temporality));
}

/**
 * Builds the meter provider (same resource and collector as the traces), registers it with the
 * OpenTelemetry API so the app's own metrics go the same way, and hands it to the instrumentation,
 * which records the GenAI client metrics of every finished LLM call on it. A final export happens on
 * shutdown, so a short-lived job's calls are counted even if it ends before the first interval.
 */
export function startMetrics(
  metricsConfig: MetricsConfig,
  exporter: ExporterConfig,
  resource: Resource,
  instrumentation: LlmHttpInstrumentation,
): MetricsHandle {
  // The default GenAI histograms are aggregated outside sdk-metrics' instruments, for speed
  // (metrics/in-process-histograms.ts); the reader collects them with the rest.
  const scope = { name: instrumentation.instrumentationName, version: instrumentation.instrumentationVersion };
  const histograms = new InProcessHistograms(resource, scope, temporalitySelector(metricsConfig.temporality)(InstrumentType.HISTOGRAM));
  const reader = new PeriodicExportingMetricReader({
    metricProducers: [histograms],
    exporter: createMetricExporter(metricsConfig, exporter),
    exportIntervalMillis: metricsConfig.intervalMs,
    // The SDK refuses a timeout longer than the interval.
    exportTimeoutMillis: Math.min(exporter.timeoutMs, metricsConfig.intervalMs),
  });
  const meterProvider = new MeterProvider({ resource, readers: [reader] });
  instrumentation.setMeterProviderWithHistograms(meterProvider, histograms.histogram);
  // An export is a gRPC call that keeps the event loop alive, and exit-flush flushes on every
  // `beforeExit`: flushing when nothing changed would start another export, then another
  // `beforeExit`, forever. So a flush exports only the first time and after new LLM calls.
  let changedSinceFlush = true;
  instrumentation.addExchangeListener(() => {
    changedSinceFlush = true;
  });
  return {
    meterProvider,
    forceFlush: async () => {
      if (!changedSinceFlush) return;
      changedSinceFlush = false;
      await meterProvider.forceFlush();
    },
    shutdown: () => meterProvider.shutdown(),
  };
}
