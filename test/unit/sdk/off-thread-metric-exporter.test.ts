import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, MeterProvider, MetricReader, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OffThreadMetricExporter } from '../../../src/sdk/off-thread-metric-exporter.js';

class CollectingReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Request bodies of POST /v1/metrics, in arrival order. */
const bodies: Buffer[] = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/metrics') bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/metrics`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A histogram, a counter and an up-down counter with attributes, under a resource with a schema URL. */
async function collectMetrics(): Promise<ResourceMetrics> {
  const reader = new CollectingReader();
  const resource = resourceFromAttributes({ 'service.name': 'metric-thread-test', 'deployment.environment.name': 'test', 'a.list': ['x', 'y'] }, { schemaUrl: 'https://opentelemetry.io/schemas/1.37.0' });
  const provider = new MeterProvider({ resource, readers: [reader] });
  const meter = provider.getMeter('gen_ai-test', '1.2.3');
  const duration = meter.createHistogram('gen_ai.client.operation.duration', { unit: 's', advice: { explicitBucketBoundaries: [0.01, 0.1, 1, 10] } });
  const tokens = meter.createCounter('gen_ai.test.tokens', { unit: '{token}' });
  const open = meter.createUpDownCounter('gen_ai.test.open');
  for (const [i, model] of ['gpt-4o-mini', 'claude-3-5-haiku', 'gpt-4o-mini'].entries()) {
    duration.record(0.05 * (i + 1), { 'gen_ai.request.model': model, 'gen_ai.operation.name': 'chat' });
    tokens.add(10 + i, { 'gen_ai.token.type': i % 2 ? 'output' : 'input' });
    open.add(i % 2 ? -1 : 1);
  }
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  await provider.shutdown();
  return resourceMetrics;
}

function exportOnce(exporter: PushMetricExporter, metrics: ResourceMetrics): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(metrics, resolve));
}

describe('OffThreadMetricExporter', () => {
  it('sends from the export thread the same request body the metric exporter package sends from this one', async () => {
    const metrics = await collectMetrics();
    const onThisThread = new OTLPMetricExporter({ url });
    const offThread = new OffThreadMetricExporter({ protocol: 'http/protobuf', options: { url, timeoutMillis: 2000 } }, () => AggregationTemporality.CUMULATIVE);
    try {
      expect(await exportOnce(onThisThread, metrics)).toMatchObject({ code: ExportResultCode.SUCCESS });
      expect(await exportOnce(offThread, metrics)).toMatchObject({ code: ExportResultCode.SUCCESS });
    } finally {
      await Promise.all([onThisThread.shutdown(), offThread.shutdown()]);
    }
    expect(bodies).toHaveLength(2);
    expect(bodies[0]!.length).toBeGreaterThan(200);
    expect(bodies[1]!.equals(bodies[0]!)).toBe(true);
  });

  it("gives the reader the configured temporality and reports a collector's refusal as a failed export", async () => {
    const metrics = await collectMetrics();
    const offThread = new OffThreadMetricExporter({ protocol: 'http/protobuf', options: { url: url.replace('/v1/metrics', '/refused'), timeoutMillis: 2000 } }, () => AggregationTemporality.DELTA);
    const refusing = http.createServer((_req, res) => res.writeHead(400).end('bad request'));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const refusingExporter = new OffThreadMetricExporter(
      { protocol: 'http/protobuf', options: { url: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/v1/metrics`, timeoutMillis: 2000 } },
      () => AggregationTemporality.DELTA,
    );
    try {
      expect(offThread.selectAggregationTemporality(0 as never)).toBe(AggregationTemporality.DELTA);
      const result = await exportOnce(refusingExporter, metrics);
      expect(result.code).toBe(ExportResultCode.FAILED);
      expect(String(result.error)).toMatch(/400|Bad Request/i);
    } finally {
      await Promise.all([offThread.shutdown(), refusingExporter.shutdown()]);
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
