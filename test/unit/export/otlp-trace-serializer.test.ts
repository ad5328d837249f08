import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { SpanStatusCode, type Link } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmHttpInstrumentation } from '../../../src/capture/llm-http-instrumentation.js';
import { fastTraceSerializer } from '../../../src/export/otlp-span-exporters.js';
import { serializeTraceRequest } from '../../../src/export/otlp-trace-serializer.js';
import { listFixtures } from '../../helpers/fixtures.js';
import { useInMemorySdk } from '../../helpers/in-memory-sdk.js';
import { startReplayServer, type ReplayServer } from '../../helpers/replay-server.js';
import { spanGenerator } from './generated-spans.js';

/**
 * Our OTLP trace serializer must write the very bytes @opentelemetry/otlp-transformer's
 * ProtobufTraceSerializer writes, for any batch: generated spans of every shape, spans from the
 * real SDK (limits, links, events, several providers and tracers) and llm-otel's own spans from
 * recorded provider exchanges.
 */
function expectSameBytes(spans: ReadableSpan[], label: string): void {
  const theirs = ProtobufTraceSerializer.serializeRequest(spans)!;
  const ours = serializeTraceRequest(spans);
  if (Buffer.compare(Buffer.from(ours), Buffer.from(theirs)) !== 0) {
    let at = 0;
    while (at < ours.length && ours[at] === theirs[at]) at++;
    expect.fail(`${label}: ${ours.length} bytes against ${theirs.length}, first difference at byte ${at}`);
  }
}

describe('generated spans', () => {
  it('writes the same bytes as the OTLP transformer over 600 seeded batches', () => {
    for (let seed = 1; seed <= 600; seed++) {
      const batch = spanGenerator(seed).batch(1 + (seed % 23));
      expectSameBytes(batch, `seed ${seed}`);
    }
  });

  it('writes the same bytes for an empty batch and for a batch larger than its first buffer', () => {
    expectSameBytes([], 'empty');
    expectSameBytes(spanGenerator(7).batch(2000), '2000 spans');
  });

  it('gives each request a buffer of its own (a retry resends it after later exports)', () => {
    const first = serializeTraceRequest(spanGenerator(3).batch(5));
    const copy = Uint8Array.from(first);
    serializeTraceRequest(spanGenerator(4).batch(50));
    expect(first).toEqual(copy);
  });

  it('encodes a resource again when its object differs, and a changed scope object again', () => {
    const spans = spanGenerator(11).batch(10);
    expectSameBytes(spans, 'before');
    const scope = { name: 'mutable', version: '1' };
    for (const span of spans) (span as { instrumentationScope: unknown }).instrumentationScope = scope;
    expectSameBytes(spans, 'scope v1');
    scope.version = '2';
    expectSameBytes(spans, 'scope v2');
  });

  it('reads responses as the package does', () => {
    const response = Uint8Array.from([0x0a, 0x05, 0x08, 0x03, 0x12, 0x01, 0x78]);
    expect(fastTraceSerializer.deserializeResponse(response)).toEqual(ProtobufTraceSerializer.deserializeResponse(response));
  });
});

describe('spans from the OpenTelemetry SDK', () => {
  it('writes the same bytes for spans of two providers and three tracers, with dropped attributes and links, events and links', async () => {
    const exporter = new InMemorySpanExporter();
    const providers = [
      new TracerProvider({ resource: resourceFromAttributes({ 'service.name': 'one', 'ü': 1 }), spanProcessors: [new SimpleSpanProcessor({ exporter })], spanLimits: { attributeCountLimit: 4, eventCountLimit: 2, linkCountLimit: 1 } }),
      new TracerProvider({ resource: resourceFromAttributes({ 'service.name': 'two' }, { schemaUrl: 'https://opentelemetry.io/schemas/1.37.0' }), spanProcessors: [new SimpleSpanProcessor({ exporter })] }),
    ];
    const tracers = providers.flatMap((p) => [p.getTracer('a'), p.getTracer('b', '1.2.3', { schemaUrl: 'https://x/s' })]);
    let link: Link | undefined;
    for (let i = 0; i < 40; i++) {
      const tracer = tracers[i % tracers.length];
      const span = tracer.startSpan(`op ${i} ✓`, { kind: i % 5, links: link ? [link, link] : [], attributes: { i, f: i / 3, s: 'x'.repeat(i * 7), arr: [i, i + 1], b: i % 2 === 0 } });
      span.setAttribute('later', 'ü'.repeat(i));
      for (let e = 0; e < i % 4; e++) span.addEvent(`event ${e}`, { e, text: 'ñ' });
      if (i % 3 === 0) span.setStatus({ code: SpanStatusCode.ERROR, message: `failed ${i}` });
      if (i % 3 === 1) span.setStatus({ code: SpanStatusCode.OK });
      link = { context: span.spanContext(), attributes: { linked: i } };
      span.end();
    }
    const spans = exporter.getFinishedSpans();
    expect(spans.some((s) => s.droppedAttributesCount > 0 && s.droppedLinksCount > 0)).toBe(true);
    expect(spans.some((s) => s.events.length > 0 && s.links.length > 0 && s.status.message)).toBe(true);
    expectSameBytes(spans, 'SDK spans');
    await Promise.all(providers.map((p) => p.shutdown()));
  });
});

describe('llm-otel spans from recorded exchanges', () => {
  const { exporter, provider } = useInMemorySdk();
  let instrumentation: LlmHttpInstrumentation;
  let server: ReplayServer;

  beforeAll(async () => {
    instrumentation = new LlmHttpInstrumentation();
    instrumentation.setTracerProvider(provider);
    server = await startReplayServer({ maxRequests: 1000 });
  });

  afterAll(async () => {
    instrumentation.disable();
    await server.close();
  });

  it('writes the same bytes for the spans of every recorded exchange', async () => {
    const fixtures = listFixtures((f) => f.request.method === 'POST' && f.request.body != null);
    for (const fixture of fixtures) {
      const url = new URL(fixture.request.url);
      const body = typeof fixture.request.body === 'string' ? fixture.request.body : JSON.stringify(fixture.request.body);
      const headers = Object.fromEntries(Object.entries(fixture.request.headers).filter(([name]) => !/^(host|content-length|connection)$/i.test(name)));
      const response = await fetch(`${server.baseUrl(fixture.name)}${url.pathname}${url.search}`, { method: 'POST', headers, body });
      await response.arrayBuffer();
    }
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(fixtures.length / 2);
    expectSameBytes(spans, `${spans.length} spans of ${fixtures.length} exchanges`);
    for (let i = 0; i < spans.length; i += 7) expectSameBytes(spans.slice(i, i + 7), `spans ${i}..${i + 6}`);
  }, 120_000);
});
