import { gzipSync } from 'node:zlib';
import { OTLPTraceExporter as OTLPHttpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPMetricExporter as OTLPProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';

import { RpcStatus } from '../../../src/viewer/otlp-schema.js';
import { startOtlpHttpReceiver } from '../../../src/viewer/otlp-http-receiver.js';
import type { ReceivedMetric, ReceivedSpan } from '../../../src/viewer/received-telemetry.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function receiver(maxRequestBytes?: number) {
  const spans: ReceivedSpan[] = [];
  const metrics: ReceivedMetric[] = [];
  const started = await startOtlpHttpReceiver({
    port: 0,
    maxRequestBytes,
    onSpans: (batch) => spans.push(...batch),
    onMetrics: (batch) => metrics.push(...batch),
  });
  cleanups.push(() => started.close());
  return { ...started, spans, metrics, url: `http://127.0.0.1:${started.port}` };
}

async function exportOneSpan(exporter: SpanExporter, name: string): Promise<string> {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'http-test' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const span = provider.getTracer('http-scope', '0.1.0').startSpan(name, { attributes: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 7 } });
  span.end();
  await provider.forceFlush();
  await provider.shutdown();
  return span.spanContext().traceId;
}

const post = (url: string, body: Uint8Array | string, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', body, headers });

describe('OTLP/HTTP receiver', () => {
  it('decodes spans from the real OTLP/HTTP protobuf and JSON exporters', async () => {
    const otlp = await receiver();
    const protoTrace = await exportOneSpan(new OTLPProtoTraceExporter({ url: `${otlp.url}/v1/traces` }), 'via protobuf');
    const jsonTrace = await exportOneSpan(new OTLPHttpJsonTraceExporter({ url: `${otlp.url}/v1/traces` }), 'via json');
    expect(otlp.spans.map((s) => [s.name, s.traceId])).toEqual([
      ['via protobuf', protoTrace],
      ['via json', jsonTrace],
    ]);
    for (const span of otlp.spans) {
      expect(span.attributes).toEqual({ 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 7 });
      expect(span.resource['service.name']).toBe('http-test');
      expect(span.scope).toEqual({ name: 'http-scope', version: '0.1.0' });
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(span.endTimeUnixNano).toBeGreaterThanOrEqual(span.startTimeUnixNano);
    }
  });

  it('decodes metrics from the protobuf exporter and gzip-compressed JSON', async () => {
    const otlp = await receiver();
    const meterProvider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'metrics-test' }),
      readers: [new PeriodicExportingMetricReader({ exporter: new OTLPProtoMetricExporter({ url: `${otlp.url}/v1/metrics` }), exportIntervalMillis: 60_000 })],
    });
    meterProvider.getMeter('m').createCounter('calls').add(3, { model: 'gpt-4o' });
    await meterProvider.forceFlush();
    const received = otlp.metrics.length;
    await meterProvider.shutdown();
    expect(received).toBe(1);
    expect([otlp.metrics[0]!].map((m) => [m.name, m.type, m.dataPoints.map((p) => ('value' in p ? p.value : undefined))])).toEqual([['calls', 'sum', [3]]]);
    otlp.metrics.length = 0;

    const json = JSON.stringify({
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'g', gauge: { dataPoints: [{ asDouble: 1.5, timeUnixNano: '1700000000000000000' }] } }] }] }],
    });
    const response = await post(`${otlp.url}/v1/metrics`, gzipSync(json), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(otlp.metrics[0]).toMatchObject({ name: 'g', type: 'gauge', dataPoints: [{ value: 1.5, timeUnixNano: 1700000000000000000n }] });
  });

  it('answers malformed bodies with 400 and a google.rpc.Status, keeps nothing of them, and goes on', async () => {
    const otlp = await receiver();
    const badProto = await post(`${otlp.url}/v1/traces`, new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f]), { 'content-type': 'application/x-protobuf' });
    expect(badProto.status).toBe(400);
    expect(badProto.headers.get('content-type')).toBe('application/x-protobuf');
    const status = RpcStatus.toObject(RpcStatus.decode(new Uint8Array(await badProto.arrayBuffer()))) as { code: number; message: string };
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/^cannot decode OTLP protobuf request: /);

    const badJson = await post(`${otlp.url}/v1/traces`, '{"resourceSpans": [', { 'content-type': 'application/json' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ code: 3, message: expect.stringMatching(/^cannot decode OTLP json request: /) });

    const badId = await post(
      `${otlp.url}/v1/traces`,
      JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'not-hex', spanId: '0102030405060708', name: 'x' }] }] }] }),
      { 'content-type': 'application/json' },
    );
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as { message: string }).message).toContain('traceId: expected 32 hex characters, found "not-hex"');

    const wrongType = await post(`${otlp.url}/v1/traces`, 'hello', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect((await fetch(`${otlp.url}/v1/logs`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${otlp.url}/v1/traces`)).status).toBe(405);
    expect(otlp.spans).toEqual([]);

    await exportOneSpan(new OTLPProtoTraceExporter({ url: `${otlp.url}/v1/traces` }), 'after the bad ones');
    expect(otlp.spans.map((s) => s.name)).toEqual(['after the bad ones']);
  });

  it('refuses an oversized body, plain or as a gzip bomb, with 413', async () => {
    const otlp = await receiver(4096);
    const big = JSON.stringify({ resourceSpans: [], padding: 'x'.repeat(10_000) });
    const plain = await post(`${otlp.url}/v1/traces`, big, { 'content-type': 'application/json' });
    expect(plain.status).toBe(413);
    expect(await plain.json()).toEqual({ code: 8, message: `request body of ${Buffer.byteLength(big)} bytes exceeds the limit of 4096` });
    const bomb = await post(`${otlp.url}/v1/traces`, gzipSync(Buffer.alloc(1_000_000, 0x20)), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(bomb.status).toBe(413);
    expect(((await bomb.json()) as { message: string }).message).toBe('decompressed body exceeds the limit of 4096 bytes');
    expect(otlp.spans).toEqual([]);
  });
});
