import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator, setGlobalErrorHandler,
} from '@opentelemetry/core';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { TracingConfig } from '../config/types.js';
import { LlmHttpInstrumentation } from '../capture/llm-http-instrumentation.js';
import { reportOnce } from '../capture/report-once.js';
import { deferAnthropicSdkSpans } from '../providers/anthropic/anthropic-sdk-spans.js';
import { createSpanExporter } from './create-exporter.js';
import { createResource } from './create-resource.js';
import { createSampler } from './create-sampler.js';
import { EXPORT_DELAY_MS, MAX_EXPORT_BATCH, MAX_QUEUED_SPANS } from './export-limits.js';

/** What start returns: enough to flush and stop, and the parts others plug into. */
export interface TracingHandle {
  readonly enabled: boolean;
  readonly config?: TracingConfig;
  readonly tracerProvider?: TracerProvider;
  readonly instrumentation?: LlmHttpInstrumentation;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export const NOOP_TRACING: TracingHandle = Object.freeze({
  enabled: false,
  forceFlush: async () => {},
  shutdown: async () => {},
});

/**
 * Builds the tracer provider, registers it with the OpenTelemetry API, and enables the HTTP
 * capture. Throws on a broken part; the caller (register) turns that into one log line and a
 * no-op handle, shutting down whatever it had built.
 */
export function startTracing(config: TracingConfig): TracingHandle {
  if (!config.enabled) return NOOP_TRACING;
  // Exports fail every second while a collector is down; say so once, not every time.
  setGlobalErrorHandler((error) => reportOnce('exporting spans', error));
  const tracerProvider = new TracerProvider({
    resource: createResource(config.resource),
    sampler: createSampler(config.sampling),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: createSpanExporter(config.exporter),
        maxQueueSize: MAX_QUEUED_SPANS,
        maxExportBatchSize: MAX_EXPORT_BATCH,
        scheduledDelayMillis: EXPORT_DELAY_MS,
        exportTimeoutMillis: config.exporter.timeoutMs,
      }),
    ],
  });
  try {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(
      new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
    );
    trace.setGlobalTracerProvider(tracerProvider);
    // Our provider would switch the Anthropic SDK's own call spans on: one GenAI span per call, not two.
    deferAnthropicSdkSpans();
    const instrumentation = new LlmHttpInstrumentation({
      captureContent: config.captureContent,
      maxContentBytes: config.maxContentBytes,
      traceNonLlmRequests: config.traceNonLlmRequests,
      providers: config.providers,
    });
    instrumentation.setTracerProvider(tracerProvider);
    return {
      enabled: true,
      config,
      tracerProvider,
      instrumentation,
      forceFlush: () => tracerProvider.forceFlush(),
      shutdown: async () => {
        instrumentation.disable();
        await tracerProvider.shutdown();
      },
    };
  } catch (error) {
    void tracerProvider.shutdown().catch(() => {});
    throw error;
  }
}
