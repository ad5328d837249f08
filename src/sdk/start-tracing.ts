import { setGlobalErrorHandler } from '@opentelemetry/core';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import type { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import type { TracingConfig } from '../config/types.js';
import { LlmHttpInstrumentation } from '../capture/llm-http-instrumentation.js';
import { reportOnce } from '../diagnostics/report-once.js';
import { deferAnthropicSdkSpans } from './defer-anthropic-sdk-spans.js';
import { configureManualApi } from '../api/manual-api-settings.js';
import { TraceAttributesSpanProcessor } from '../api/trace-attributes-span-processor.js';
import { priceTableVersion } from '../cost/price-table-version.js';
import { ATTR_LLM_OTEL_PRICE_TABLE } from '../spans/llm-otel-attributes.js';
import { createPropagator } from './create-propagator.js';
import { createExportErrorReporter } from './export-error-report.js';
import { createResource } from './create-resource.js';
import { createSampler } from './create-sampler.js';
import { createSpanProcessors } from './create-span-processors.js';
import { startMetrics, type MetricsHandle } from './start-metrics.js';
import { hasTracerProvider } from '../own-sdk/registered-provider.js';
import { startBesideAppSdk } from './start-beside-app-sdk.js';
import { shareGlobals } from './share-globals.js';

/** What start returns: enough to flush and stop, and the parts others plug into. */
export interface TracingHandle {
  readonly enabled: boolean;
  readonly config?: TracingConfig;
  readonly tracerProvider?: TracerProvider;
  readonly instrumentation?: LlmHttpInstrumentation;
  /** Set when `metrics.enabled`: the GenAI client metrics and the app's own go through it. */
  readonly meterProvider?: MeterProvider;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export const NOOP_TRACING: TracingHandle = Object.freeze({
  enabled: false,
  forceFlush: async () => {},
  shutdown: async () => {},
});

/**
 * Builds the tracer provider, puts it behind the OpenTelemetry API (share-globals.ts: an app's
 * own SDK may still take the globals), and enables the HTTP capture. Throws on a broken part; the caller (register) turns that into one log line and a
 * no-op handle, shutting down whatever it had built.
 */
export function startTracing(config: TracingConfig): TracingHandle {
  // The manual API (trace/span) follows the same switch and content setting as the capture.
  configureManualApi({ enabled: config.enabled, captureContent: config.captureContent, maxContentBytes: config.maxContentBytes });
  if (!config.enabled) return NOOP_TRACING;
  // Exports fail every second while a collector is down; say so once, not every time.
  setGlobalErrorHandler(createExportErrorReporter());
  // Which price table priced the `llm_otel.cost.usd` attributes, for whoever audits a figure.
  const resource = createResource(config.resource, config.resourceDetectors).merge(
    resourceFromAttributes({ [ATTR_LLM_OTEL_PRICE_TABLE]: priceTableVersion() }),
  );
  // An app whose own SDK started first keeps its providers; llm-otel joins them.
  if (hasTracerProvider()) return startBesideAppSdk(config);
  const tracerProvider = new TracerProvider({
    resource,
    sampler: createSampler(config.sampling),
    spanProcessors: [
      // User, session and tags of a manual trace(...) onto every span inside it, LLM spans included.
      new TraceAttributesSpanProcessor(),
      ...createSpanProcessors(config),
    ],
  });
  try {
    // Our provider would switch the Anthropic SDK's own call spans on: one GenAI span per call, not two.
    deferAnthropicSdkSpans();
    const instrumentation = new LlmHttpInstrumentation({
      captureContent: config.captureContent,
      maxContentBytes: config.maxContentBytes,
      traceNonLlmRequests: config.traceNonLlmRequests,
      providers: config.providers,
    });
    const metrics = config.metrics.enabled ? startMetricsOrNothing(config, resource, instrumentation) : undefined;
    // Ours behind the API until the app's own SDK, if it starts one, takes them.
    shareGlobals(
      { tracerProvider, meterProvider: metrics?.meterProvider, propagator: createPropagator(config.propagators) },
      instrumentation,
    );
    return {
      enabled: true,
      config,
      tracerProvider,
      instrumentation,
      meterProvider: metrics?.meterProvider,
      forceFlush: async () => {
        await Promise.all([tracerProvider.forceFlush(), metrics?.forceFlush()]);
      },
      shutdown: async () => {
        instrumentation.disable();
        await Promise.all([tracerProvider.shutdown(), metrics?.shutdown()]);
      },
    };
  } catch (error) {
    void tracerProvider.shutdown().catch(() => {});
    throw error;
  }
}

/** Metrics are an addition to tracing: if they cannot start, say so once and keep the traces. */
function startMetricsOrNothing(
  config: TracingConfig,
  resource: Resource,
  instrumentation: LlmHttpInstrumentation,
): MetricsHandle | undefined {
  try {
    return startMetrics(config.metrics, config.exporter, resource, instrumentation);
  } catch (error) {
    reportOnce('starting GenAI metrics (traces go on without them)', error);
    return undefined;
  }
}
