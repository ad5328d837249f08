// The OpenTelemetry SDK every peer configuration runs on, built the way llm-otel builds its own
// (src/sdk/start-tracing.ts): same provider, same batch settings, same OTLP/gRPC exporter, same
// propagators, so export cost is equal and only the instrumentation differs.
// Env: BENCH_OTLP_ENDPOINT (the bench's receiver), OTEL_SERVICE_NAME (names this run's spans);
// with `protocol: 'http/protobuf'`, BENCH_OTLP_HTTP_ENDPOINT (an OTLP/HTTP sink; instruction mode).
import { credentials } from '@grpc/grpc-js';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OTLPHttpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { DEFAULT_BATCH_DELAY_MS } from '../../dist/config/defaults.js';

export function startSdk(instrumentations, { protocol = 'grpc' } = {}) {
  const exporter = protocol === 'http/protobuf'
    ? new OTLPHttpProtobufTraceExporter({ url: `${process.env.BENCH_OTLP_HTTP_ENDPOINT}/v1/traces` })
    : new OTLPTraceExporter({ url: process.env.BENCH_OTLP_ENDPOINT, credentials: credentials.createInsecure() });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? 'bench' }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter,
        scheduledDelayMillis: DEFAULT_BATCH_DELAY_MS,
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({ instrumentations, tracerProvider: provider });
  // Send what is queued when the bench app is done, as llm-otel's register does.
  process.once('beforeExit', () => void provider.shutdown().catch(() => {}));
}
