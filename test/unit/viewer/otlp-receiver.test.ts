import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { credentials, makeGenericClientConstructor, status, type ServiceError } from '@grpc/grpc-js';

import { startOtlpReceiver, type OtlpReceiver } from '../../../src/viewer/otlp-receiver.js';

const START_MS = 1_700_000_000_000;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function receiver(): Promise<OtlpReceiver> {
  const started = await startOtlpReceiver({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => started.close());
  return started;
}

function tracerProviderFor(port: number): TracerProvider {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'receiver-test' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `http://127.0.0.1:${port}` }) })],
  });
  cleanups.push(() => provider.shutdown());
  return provider;
}

describe('startOtlpReceiver', () => {
  it('decodes spans sent by the real OTLP/gRPC trace exporter', async () => {
    const otlp = await receiver();
    const provider = tracerProviderFor(otlp.port);
    const tracer = provider.getTracer('receiver-test-scope', '1.2.3');

    const parent = tracer.startSpan('chat gpt-4o', { kind: SpanKind.SERVER, startTime: START_MS });
    const child = tracer.startSpan(
      'POST /v1/chat/completions',
      {
        kind: SpanKind.CLIENT,
        startTime: START_MS + 10,
        attributes: {
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.usage.input_tokens': 42,
          'gen_ai.request.temperature': 0.25,
          'gen_ai.request.stream': true,
          'gen_ai.response.finish_reasons': ['stop', 'length'],
        },
      },
      trace.setSpan(context.active(), parent),
    );
    child.addEvent('retry', { attempt: 2 }, START_MS + 20);
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream 500' });
    child.end(START_MS + 250);
    parent.end(START_MS + 300);
    await provider.forceFlush();

    const spans = await otlp.waitForSpans((received) => received.length === 2, 5000);
    const byName = Object.fromEntries(spans.map((span) => [span.name, span]));
    const receivedParent = byName['chat gpt-4o']!;
    const receivedChild = byName['POST /v1/chat/completions']!;

    expect(receivedParent).toEqual({
      traceId: parent.spanContext().traceId,
      spanId: parent.spanContext().spanId,
      name: 'chat gpt-4o',
      kind: 2,
      startTimeUnixNano: 1_700_000_000_000_000_000n,
      endTimeUnixNano: 1_700_000_000_300_000_000n,
      attributes: {},
      status: { code: 0 },
      events: [],
      resource: { 'service.name': 'receiver-test' },
      scope: { name: 'receiver-test-scope', version: '1.2.3' },
    });
    expect(receivedParent).not.toHaveProperty('parentSpanId');
    expect(receivedParent.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(receivedParent.spanId).toMatch(/^[0-9a-f]{16}$/);

    expect(receivedChild).toEqual({
      traceId: parent.spanContext().traceId,
      spanId: child.spanContext().spanId,
      parentSpanId: parent.spanContext().spanId,
      name: 'POST /v1/chat/completions',
      kind: 3,
      startTimeUnixNano: 1_700_000_000_010_000_000n,
      endTimeUnixNano: 1_700_000_000_250_000_000n,
      attributes: {
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': 42,
        'gen_ai.request.temperature': 0.25,
        'gen_ai.request.stream': true,
        'gen_ai.response.finish_reasons': ['stop', 'length'],
      },
      status: { code: 2, message: 'upstream 500' },
      events: [{ name: 'retry', timeUnixNano: 1_700_000_000_020_000_000n, attributes: { attempt: 2 } }],
      resource: { 'service.name': 'receiver-test' },
      scope: { name: 'receiver-test-scope', version: '1.2.3' },
    });
    expect(otlp.spans).toHaveLength(2);
  });

  it('accepts gzip-compressed exports', async () => {
    const otlp = await receiver();
    type ExporterConfig = NonNullable<ConstructorParameters<typeof OTLPTraceExporter>[0]>;
    const exporter = new OTLPTraceExporter({
      url: `http://127.0.0.1:${otlp.port}`,
      // The enum lives in @opentelemetry/otlp-exporter-base, which is not our dependency.
      compression: 'gzip' as ExporterConfig['compression'],
    });
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    cleanups.push(() => provider.shutdown());
    provider.getTracer('t').startSpan('compressed', { attributes: { filler: 'x'.repeat(10_000) } }).end();
    await provider.forceFlush();

    const [span] = await otlp.waitForSpans((received) => received.length === 1, 5000);
    expect(span!.name).toBe('compressed');
    expect(span!.attributes['filler']).toHaveLength(10_000);
  });

  it('decodes metrics sent by the real OTLP/gRPC metrics exporter', async () => {
    const otlp = await receiver();
    const reader = new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: `http://127.0.0.1:${otlp.port}` }),
      exportIntervalMillis: 60_000,
    });
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'metrics-test' }),
      readers: [reader],
    });
    cleanups.push(() => provider.shutdown());
    const meter = provider.getMeter('metrics-test-scope');
    const duration = meter.createHistogram('gen_ai.client.operation.duration', {
      description: 'GenAI operation duration.',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.1, 1, 10] },
    });
    duration.record(0.5, { 'gen_ai.request.model': 'gpt-4o' });
    duration.record(2, { 'gen_ai.request.model': 'gpt-4o' });
    meter.createCounter('requests').add(3, { route: '/chat' });

    await reader.forceFlush();

    const byName = Object.fromEntries(otlp.metrics.map((metric) => [metric.name, metric]));
    expect(byName['gen_ai.client.operation.duration']).toEqual({
      name: 'gen_ai.client.operation.duration',
      description: 'GenAI operation duration.',
      unit: 's',
      type: 'histogram',
      temporality: 'cumulative',
      resource: { 'service.name': 'metrics-test' },
      scope: { name: 'metrics-test-scope' },
      dataPoints: [
        {
          attributes: { 'gen_ai.request.model': 'gpt-4o' },
          timeUnixNano: expect.any(BigInt),
          count: 2,
          sum: 2.5,
          min: 0.5,
          max: 2,
          bucketCounts: [0, 1, 1, 0],
          explicitBounds: [0.1, 1, 10],
        },
      ],
    });
    expect(byName['requests']).toMatchObject({
      type: 'sum',
      temporality: 'cumulative',
      dataPoints: [{ attributes: { route: '/chat' }, value: 3 }],
    });
  });

  it('settles a waiter whose condition reads the metrics when a metrics export arrives, with no span', async () => {
    const otlp = await receiver();
    const reader = new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: `http://127.0.0.1:${otlp.port}` }),
      exportIntervalMillis: 60_000,
    });
    const provider = new MeterProvider({ readers: [reader] });
    cleanups.push(() => provider.shutdown());
    const waited = otlp.waitForSpans(() => otlp.metrics.some((metric) => metric.name === 'waited.for'), 5000);
    provider.getMeter('waiter-test').createCounter('waited.for').add(1);
    await reader.forceFlush();
    expect(await waited).toEqual([]);
  });

  it('answers INVALID_ARGUMENT to bytes that are not an OTLP request', async () => {
    const otlp = await receiver();
    const Client = makeGenericClientConstructor(
      {
        Export: {
          path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
          requestStream: false,
          responseStream: false,
          requestSerialize: (bytes: Buffer) => bytes,
          requestDeserialize: (bytes: Buffer) => bytes,
          responseSerialize: (bytes: Buffer) => bytes,
          responseDeserialize: (bytes: Buffer) => bytes,
        },
      },
      'TraceService',
    );
    const client = new Client(`127.0.0.1:${otlp.port}`, credentials.createInsecure());
    cleanups.push(async () => client.close());
    // Field 1, wire type 2, claiming 100 bytes that are not there.
    const error = await new Promise<ServiceError | null>((resolve) => {
      (client as unknown as Record<string, (body: Buffer, callback: (err: ServiceError | null) => void) => void>)['Export']!(Buffer.from([0x0a, 0x64, 0x01]), (err: ServiceError | null) =>
        resolve(err),
      );
    });
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(otlp.spans).toEqual([]);
  });

  it('waitForSpans rejects after the timeout with the number received', async () => {
    const otlp = await receiver();
    await expect(otlp.waitForSpans((spans) => spans.length > 0, 50)).rejects.toThrow(/within 50 ms \(0 spans received\)/);
  });
});
