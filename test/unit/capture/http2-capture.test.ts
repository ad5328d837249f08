import http2 from 'node:http2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { context, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { LlmHttpInstrumentation } from '../../../src/capture/llm-http-instrumentation.js';
import { fixtureResponseBytes, loadFixture, type Fixture } from '../../helpers/fixtures.js';
import { useInMemorySdk } from '../../helpers/in-memory-sdk.js';

/**
 * node:http2 capture with raw `http2` client calls (the way @smithy/node-http-handler makes them:
 * `session.request(headers)` then `stream.end(body)`) against an h2c server on 127.0.0.1.
 */

interface Received {
  path: string;
  traceparent?: string;
  body: string;
}

type Behaviour = 'normal' | 'reset-mid-body' | 'drop-connection-mid-body' | 'hang-after-headers';

const { exporter, provider } = useInMemorySdk();
const received: Received[] = [];
let server: http2.Http2Server;
let origin = '';
let instrumentation: LlmHttpInstrumentation;
let behaviour: Behaviour = 'normal';
/** A session opened before the instrumentation was enabled. */
let earlySession: http2.ClientHttp2Session;

const converseStream = loadFixture('aws.bedrock--converseStream--claude3-tool-use');
const titanInvoke = loadFixture('aws.bedrock--invokeModel--titan-text-express');
const fixtureByPath = new Map<string, Fixture>();

function fixturePath(fixture: Fixture): string {
  const path = new URL(fixture.request.url).pathname;
  fixtureByPath.set(path, fixture);
  return path;
}

beforeAll(async () => {
  fixturePath(converseStream);
  fixturePath(titanInvoke);
  server = http2.createServer();
  server.on('stream', (stream, headers) => {
    // Resets and client aborts are the point of some tests; the server side just lets them be.
    stream.on('error', () => {});
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const path = String(headers[':path']);
      received.push({ path, traceparent: headers.traceparent as string | undefined, body: Buffer.concat(chunks).toString('utf8') });
      const fixture = fixtureByPath.get(path);
      if (!fixture) {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc' });
        stream.end();
        return;
      }
      stream.respond({ ':status': fixture.response.status, ...fixture.response.headers });
      const bytes = fixtureResponseBytes(fixture);
      if (behaviour === 'hang-after-headers') return;
      if (behaviour === 'reset-mid-body' || behaviour === 'drop-connection-mid-body') {
        const cut = behaviour === 'reset-mid-body' ? () => stream.destroy(new Error('reset')) : () => stream.session?.destroy();
        stream.write(bytes.subarray(0, 300), () => setTimeout(cut, 20));
        return;
      }
      // Small DATA frames, so frames of the event stream are split across chunks.
      let offset = 0;
      const next = () => {
        if (offset >= bytes.length) return void stream.end();
        stream.write(bytes.subarray(offset, offset + 41));
        offset += 41;
        setImmediate(next);
      };
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  earlySession = http2.connect(origin);
  instrumentation = new LlmHttpInstrumentation({
    traceNonLlmRequests: true,
    providers: [{ host: `127.0.0.1:${port}`, provider: 'aws.bedrock', api: 'bedrock' }],
  });
  instrumentation.setTracerProvider(provider);
});

afterAll(async () => {
  instrumentation.disable();
  earlySession.destroy();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  behaviour = 'normal';
});

interface CallResult {
  status: number;
  bytes: Buffer;
  error?: Error;
}

/** One request as the AWS SDK's NodeHttp2Handler makes it. */
function call(session: http2.ClientHttp2Session, fixture: Fixture, onStream?: (s: http2.ClientHttp2Stream) => void): Promise<CallResult> {
  return new Promise((resolve) => {
    const url = new URL(fixture.request.url);
    const stream = session.request({ ':method': 'POST', ':path': url.pathname, 'content-type': 'application/json' });
    let status = 0;
    const chunks: Buffer[] = [];
    stream.on('response', (headers) => (status = Number(headers[':status'])));
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve({ status, bytes: Buffer.concat(chunks) }));
    stream.on('error', (error) => resolve({ status, bytes: Buffer.concat(chunks), error }));
    stream.on('close', () => resolve({ status, bytes: Buffer.concat(chunks) }));
    stream.end(JSON.stringify(fixture.request.body));
    onStream?.(stream);
  });
}

async function spansSettled(count: number): Promise<ReadableSpan[]> {
  for (let i = 0; i < 100 && exporter.getFinishedSpans().length < count; i += 1) await new Promise((r) => setTimeout(r, 10));
  return exporter.getFinishedSpans();
}

function traceparentOf(span: ReadableSpan): string {
  return `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`;
}

describe('node:http2 capture', () => {
  it('traces a ConverseStream call: traceparent on the wire, body facts, event-stream facts, bytes untouched', async () => {
    const session = http2.connect(origin);
    const result = await call(session, converseStream);
    session.close();
    expect(result.status).toBe(200);
    expect(result.bytes.equals(fixtureResponseBytes(converseStream))).toBe(true);
    const [span, ...others] = await spansSettled(1);
    expect(others).toHaveLength(0);
    expect(received[0]!.traceparent).toBe(traceparentOf(span!));
    expect(JSON.parse(received[0]!.body)).toEqual(converseStream.request.body);
    expect(span!.name).toBe('chat anthropic.claude-3-sonnet-20240229-v1:0');
    expect(span!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'aws.bedrock',
      'gen_ai.request.model': 'anthropic.claude-3-sonnet-20240229-v1:0',
      'gen_ai.request.stream': true,
      'gen_ai.request.max_tokens': 300,
      'gen_ai.request.temperature': 0.5,
      'gen_ai.response.finish_reasons': ['tool_use'],
      'gen_ai.usage.input_tokens': 236,
      'gen_ai.usage.output_tokens': 58,
      'http.response.status_code': 200,
    });
    expect(span!.status.code).toBe(0);
  });

  it('names an invoke call from its body once written (text completion for a Titan prompt)', async () => {
    const session = http2.connect(new URL(origin));
    const result = await call(session, titanInvoke);
    session.close();
    expect(result.status).toBe(200);
    const [span] = await spansSettled(1);
    expect(span!.name).toBe('text_completion amazon.titan-text-express-v1');
    expect(span!.attributes).toMatchObject({
      'gen_ai.operation.name': 'text_completion',
      'gen_ai.request.max_tokens': 200,
      'gen_ai.request.top_p': 0.5,
      'gen_ai.response.finish_reasons': ['FINISH'],
      'gen_ai.usage.input_tokens': 30,
      'gen_ai.usage.output_tokens': 29,
    });
    expect(received[0]!.traceparent).toBe(traceparentOf(span!));
  });

  it('makes one span per stream when calls share a session, each parented by the active span', async () => {
    const session = http2.connect(origin);
    const parent = provider.getTracer('test').startSpan('app');
    await context.with(trace.setSpan(context.active(), parent), () => Promise.all([call(session, converseStream), call(session, titanInvoke)]));
    parent.end();
    session.close();
    const spans = (await spansSettled(3)).filter((s) => s.name !== 'app');
    expect(spans.map((s) => s.name).sort()).toEqual(['chat anthropic.claude-3-sonnet-20240229-v1:0', 'text_completion amazon.titan-text-express-v1']);
    for (const span of spans) expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(received.map((r) => r.traceparent).sort()).toEqual(spans.map(traceparentOf).sort());
  });

  it('ends the span with the stream error when the server resets the stream mid-body', async () => {
    behaviour = 'reset-mid-body';
    const session = http2.connect(origin);
    const result = await call(session, converseStream);
    session.close();
    expect(result.bytes.length).toBe(300);
    const [span] = await spansSettled(1);
    expect(span!.status.code).toBe(2);
    expect(span!.attributes['error.type']).toBe('ERR_HTTP2_STREAM_ERROR');
    expect(span!.attributes['http.response.status_code']).toBe(200);
    expect(span!.attributes['gen_ai.response.finish_reasons']).toBeUndefined();
  });

  it('ends the span as aborted when the connection drops mid-body without a stream error', async () => {
    behaviour = 'drop-connection-mid-body';
    const session = http2.connect(origin);
    session.on('error', () => {});
    const result = await call(session, converseStream);
    expect(result.error).toBeUndefined();
    const [span] = await spansSettled(1);
    expect(span!.status.code).toBe(2);
    expect(span!.attributes['error.type']).toBe('AbortError');
  });

  it('ends the span as aborted when the app destroys the stream before the body ends', async () => {
    behaviour = 'hang-after-headers';
    const session = http2.connect(origin);
    await call(session, converseStream, (stream) => stream.on('response', () => setTimeout(() => stream.destroy(), 10)));
    session.destroy();
    const [span] = await spansSettled(1);
    expect(span!.status.code).toBe(2);
    expect(span!.attributes['error.type']).toBe('AbortError');
  });

  it('traces streams of a session opened before it was enabled, without traceparent (its headers were sealed)', async () => {
    const result = await call(earlySession, titanInvoke);
    expect(result.status).toBe(200);
    const [span] = await spansSettled(1);
    expect(span!.name).toBe('text_completion amazon.titan-text-express-v1');
    expect(span!.attributes['gen_ai.usage.output_tokens']).toBe(29);
    expect(received[0]!.traceparent).toBeUndefined();
  });

  it('leaves other HTTP/2 traffic (gRPC) alone, even when tracing non-LLM requests', async () => {
    const session = http2.connect(origin);
    await new Promise<void>((resolve) => {
      const stream = session.request({ ':method': 'POST', ':path': '/opentelemetry.proto.collector.trace.v1.TraceService/Export', 'content-type': 'application/grpc' });
      stream.on('close', () => resolve());
      stream.resume();
      stream.end(Buffer.alloc(5));
    });
    session.close();
    await new Promise((r) => setTimeout(r, 30));
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    expect(received[0]!.traceparent).toBeUndefined();
  });

  it('reaches ESM code that imported `connect` by name', async () => {
    const { connect } = await import('node:http2');
    const session = connect(origin);
    await call(session, titanInvoke);
    session.close();
    const [span] = await spansSettled(1);
    expect(received[0]!.traceparent).toBe(traceparentOf(span!));
  });

  it('restores http2.connect on disable and traces nothing more', async () => {
    const wrapped = http2.connect;
    instrumentation.disable();
    expect(http2.connect).not.toBe(wrapped);
    const session = http2.connect(origin);
    await call(session, titanInvoke);
    session.close();
    await new Promise((r) => setTimeout(r, 30));
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    expect(received[0]!.traceparent).toBeUndefined();
    instrumentation.enable();
    expect(http2.connect).not.toBe(wrapped);
  });
});
