import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runView, type RunningView } from '../../../../src/viewer/view.js';

/*
 * The JSON shape checked here is the Jaeger query service's (jaegertracing/jaeger
 * internal/uimodel/model.go and the structuredResponse of jaegerquery's http_handler.go;
 * jaeger-ui src/types/trace.ts): every field of every object is compared, so a renamed,
 * missing or extra field fails.
 */

let view: RunningView;
let base: string;
let traceId: string;
let rootSpanId: string;
let chatSpanId: string;
let startUs: number;

beforeAll(async () => {
  view = await runView({ host: '127.0.0.1', port: 0, httpPort: 0, uiPort: 0, memory: true, tree: true, quietMs: 50, out: () => {} });
  base = view.uiUrl;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'jaeger-shape', 'service.version': '1.0.0' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `http://127.0.0.1:${view.grpcPort}` }) })],
  });
  const tracer = provider.getTracer('shape-scope', '2.0.0');
  const start = Math.floor(Date.now() / 1000) * 1000 - 10_000;
  startUs = start * 1000;
  const root = tracer.startSpan('answer-question', { kind: SpanKind.SERVER, startTime: start });
  const chat = tracer.startSpan(
    'chat gpt-4o',
    {
      kind: SpanKind.CLIENT,
      startTime: start + 2,
      attributes: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 12, 'gen_ai.request.temperature': 0.5, 'gen_ai.request.stream': false, 'gen_ai.response.finish_reasons': ['stop'] },
    },
    trace.setSpan(context.active(), root),
  );
  chat.addEvent('retry', { attempt: 2 }, start + 3);
  chat.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream 500' });
  chat.end(start + 252);
  root.end(start + 300);
  await provider.forceFlush();
  await provider.shutdown();
  traceId = root.spanContext().traceId;
  rootSpanId = root.spanContext().spanId;
  chatSpanId = chat.spanContext().spanId;
  await view.waitForTrace((spans) => spans.length === 2, 5000);
});

afterAll(async () => {
  await view?.close();
});

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: await response.json() };
}

function expectedTrace() {
  return {
    traceID: traceId,
    spans: [
      {
        traceID: traceId,
        spanID: rootSpanId,
        operationName: 'answer-question',
        references: [],
        startTime: startUs,
        duration: 300_000,
        tags: [
          { key: 'otel.scope.name', type: 'string', value: 'shape-scope' },
          { key: 'otel.scope.version', type: 'string', value: '2.0.0' },
          { key: 'span.kind', type: 'string', value: 'server' },
        ],
        logs: [],
        processID: 'p1',
        warnings: null,
      },
      {
        traceID: traceId,
        spanID: chatSpanId,
        operationName: 'chat gpt-4o',
        references: [{ refType: 'CHILD_OF', traceID: traceId, spanID: rootSpanId }],
        startTime: startUs + 2000,
        duration: 250_000,
        tags: [
          { key: 'otel.scope.name', type: 'string', value: 'shape-scope' },
          { key: 'otel.scope.version', type: 'string', value: '2.0.0' },
          { key: 'gen_ai.request.model', type: 'string', value: 'gpt-4o' },
          { key: 'gen_ai.usage.input_tokens', type: 'int64', value: 12 },
          { key: 'gen_ai.request.temperature', type: 'float64', value: 0.5 },
          { key: 'gen_ai.request.stream', type: 'bool', value: false },
          { key: 'gen_ai.response.finish_reasons', type: 'string', value: '["stop"]' },
          { key: 'span.kind', type: 'string', value: 'client' },
          { key: 'otel.status_code', type: 'string', value: 'ERROR' },
          { key: 'error', type: 'bool', value: true },
          { key: 'otel.status_description', type: 'string', value: 'upstream 500' },
        ],
        logs: [
          {
            timestamp: startUs + 3000,
            fields: [
              { key: 'event', type: 'string', value: 'retry' },
              { key: 'attempt', type: 'int64', value: 2 },
            ],
          },
        ],
        processID: 'p1',
        warnings: null,
      },
    ],
    processes: {
      p1: {
        serviceName: 'jaeger-shape',
        tags: [{ key: 'service.version', type: 'string', value: '1.0.0' }],
      },
    },
    warnings: null,
  };
}

describe('Jaeger-compatible query API', () => {
  it('GET /api/services', async () => {
    expect(await get('/api/services')).toEqual({
      status: 200,
      body: { data: ['jaeger-shape'], total: 1, limit: 0, offset: 0, errors: null },
    });
  });

  it('GET /api/services/{service}/operations and /api/operations', async () => {
    expect(await get('/api/services/jaeger-shape/operations')).toEqual({
      status: 200,
      body: { data: ['answer-question', 'chat gpt-4o'], total: 2, limit: 0, offset: 0, errors: null },
    });
    expect(await get('/api/operations?service=jaeger-shape&spanKind=client')).toEqual({
      status: 200,
      body: { data: [{ name: 'chat gpt-4o', spanKind: 'client' }], total: 1, limit: 0, offset: 0, errors: null },
    });
  });

  it('GET /api/traces/{traceID}: one trace, every field', async () => {
    const { status, body } = await get(`/api/traces/${traceId}`);
    expect(status).toBe(200);
    expect(body).toEqual({ data: [expectedTrace()], total: 0, limit: 0, offset: 0, errors: null });
    const process = (body as { data: Array<{ processes: { p1: { tags: Array<{ key: string }> } } }> }).data[0]!.processes.p1;
    expect(process.tags.map((t) => t.key)).not.toContain('service.name');
  });

  it('GET /api/traces?service=&operation=&tags=&start=&end=&minDuration=&limit=', async () => {
    const search = (query: string) => get(`/api/traces?${query}`);
    const found = { status: 200, body: { data: [expectedTrace()], total: 0, limit: 0, offset: 0, errors: null } };
    const none = { status: 200, body: { data: [], total: 0, limit: 0, offset: 0, errors: null } };
    expect(await search('service=jaeger-shape&limit=20')).toEqual(found);
    expect(await search('service=jaeger-shape&operation=chat%20gpt-4o')).toEqual(found);
    expect(await search(`service=jaeger-shape&tags=${encodeURIComponent('{"error":"true","gen_ai.request.model":"gpt-4o"}')}`)).toEqual(found);
    expect(await search('service=jaeger-shape&tag=gen_ai.request.model:gpt-4o')).toEqual(found);
    expect(await search(`service=jaeger-shape&tags=${encodeURIComponent('{"gen_ai.request.model":"claude"}')}`)).toEqual(none);
    expect(await search('service=jaeger-shape&minDuration=260ms')).toEqual(found);
    expect(await search('service=jaeger-shape&operation=chat%20gpt-4o&minDuration=260ms')).toEqual(none);
    expect(await search('service=jaeger-shape&operation=chat%20gpt-4o&maxDuration=1s')).toEqual(found);
    expect(await search(`service=jaeger-shape&start=${startUs - 1000}&end=${startUs + 1000}`)).toEqual(found);
    expect(await search(`service=jaeger-shape&start=${startUs + 10_000}`)).toEqual(none);
    expect(await search('service=nobody')).toEqual(none);
    expect(await search(`traceID=${traceId}&traceID=0123`)).toEqual({
      status: 200,
      body: { data: [expectedTrace()], total: 0, limit: 0, offset: 0, errors: [{ msg: 'trace not found', traceID: '0123' }] },
    });
  });

  it('answers errors in Jaeger error shape', async () => {
    expect(await get('/api/traces/00000000000000000000000000000abc')).toEqual({
      status: 404,
      body: { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] },
    });
    expect(await get('/api/traces?service=jaeger-shape&minDuration=fast')).toEqual({
      status: 400,
      body: { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 400, msg: `unable to parse param 'minDuration': invalid duration "fast"` }] },
    });
    expect(await get('/api/traces?service=jaeger-shape&minDuration=2s&maxDuration=1s')).toEqual({
      status: 400,
      body: { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 400, msg: "'maxDuration' should be greater than 'minDuration'" }] },
    });
    expect((await get('/api/traces?tag=novalue')).status).toBe(400);
    expect(await get('/api/operations')).toEqual({
      status: 400,
      body: { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 400, msg: "parameter 'service' is required" }] },
    });
  });

  it('refuses requests whose Host is not loopback (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/services`, { headers: { host: 'evil.example:16686' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});
