import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attributes } from '@opentelemetry/api';
import { AlwaysOnSampler, type Sampler } from '@opentelemetry/sdk-trace';
import { LlmHttpInstrumentation } from '../../../src/capture/llm-http-instrumentation.js';
import { startMockLlmServer, type MockLlmServer } from '../../../src/mock-server/mock-llm-server.js';
import { useInMemorySdk } from '../../helpers/in-memory-sdk.js';

/**
 * The instrumentation used the way an app with its own OpenTelemetry SDK uses it: no register,
 * a TracerProvider of the app's, `new LlmHttpInstrumentation()`.
 */
const startAttributes: Attributes[] = [];
const recordingSampler: Sampler = {
  shouldSample(_ctx, _traceId, _name, _kind, attributes) {
    startAttributes.push({ ...attributes });
    return new AlwaysOnSampler().shouldSample();
  },
  toString: () => 'recording',
};
const { exporter, provider } = useInMemorySdk({ sampler: recordingSampler });
let instrumentation: LlmHttpInstrumentation;
let server: MockLlmServer;
let redirector: http.Server;
let redirectorPort = 0;

beforeAll(async () => {
  instrumentation = new LlmHttpInstrumentation({ traceNonLlmRequests: true });
  instrumentation.setTracerProvider(provider);
  server = await startMockLlmServer({ maxRequests: 100 });
  // Answers every request with a redirect to the mock server, as a gateway in front of it might.
  redirector = http.createServer((req, res) => {
    req.resume();
    res.writeHead(307, { location: `${server.url}/chat/completions` }).end('moved');
  });
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  redirectorPort = (redirector.address() as { port: number }).port;
});

afterAll(async () => {
  instrumentation.disable();
  await server.close();
  await new Promise((resolve) => redirector.close(resolve));
});

function chatBody(extra: object = {}) {
  return JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 3, ...extra });
}

describe('LlmHttpInstrumentation with an app-owned SDK', () => {
  it('gives samplers operation, provider and model at span start', async () => {
    exporter.reset();
    startAttributes.length = 0;
    const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: chatBody() });
    await response.json();
    expect(startAttributes[0]).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
    });
    const [span] = exporter.getFinishedSpans();
    expect(span!.name).toBe('chat gpt-4o-mini');
    expect(span!.attributes['gen_ai.usage.output_tokens']).toBe(3);
  });

  it('follows a redirect within one span and reads the final response', async () => {
    exporter.reset();
    const response = await fetch(`http://127.0.0.1:${redirectorPort}/v1/chat/completions`, { method: 'POST', body: chatBody() });
    const body = (await response.json()) as { usage: { completion_tokens: number } };
    expect(body.usage.completion_tokens).toBe(3);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]!.attributes).toMatchObject({ 'http.response.status_code': 200, 'gen_ai.usage.output_tokens': 3 });
  });

  it('leaves a non-LLM request to instrumentation-undici when asked to, without the query string', async () => {
    await instrumentation.nonLlmReady;
    exporter.reset();
    const response = await fetch(`${server.url}/models?key=secret-value`);
    await response.text();
    const [span] = exporter.getFinishedSpans();
    expect(span!.name).toBe('GET');
    expect(span!.instrumentationScope.name).toBe('@opentelemetry/instrumentation-undici');
    expect(span!.attributes['url.full']).toBe(`${server.url}/models`);
    expect(span!.attributes['http.response.status_code']).toBe(404);
    expect(JSON.stringify(span!.attributes)).not.toContain('secret-value');
  });

  it('records a refused connection as an error span and still rejects the app the same way', async () => {
    exporter.reset();
    // A port that was just free: nothing listens there now.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', body: chatBody() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [span] = exporter.getFinishedSpans();
    expect(span!.attributes['error.type']).toBe('ECONNREFUSED');
    expect(span!.status.code).toBe(2);
  });

  it('stops capturing when disabled and restores the original fetch', async () => {
    const wrapped = globalThis.fetch;
    instrumentation.disable();
    expect(globalThis.fetch).not.toBe(wrapped);
    exporter.reset();
    await (await fetch(`${server.url}/chat/completions`, { method: 'POST', body: chatBody() })).json();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    instrumentation.enable();
  });
});

describe('traceparent on fetch', () => {
  it('replaces a traceparent the app already set instead of sending two', async () => {
    const seen: Array<string | string[] | undefined> = [];
    const echo = http.createServer((req, res) => {
      seen.push(req.headers.traceparent);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x","choices":[]}');
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const port = (echo.address() as { port: number }).port;
    exporter.reset();
    const stale = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    await (await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', headers: { traceparent: stale }, body: chatBody() })).text();
    await new Promise((resolve) => echo.close(resolve));
    const [span] = exporter.getFinishedSpans();
    expect(seen).toEqual([`00-${span!.spanContext().traceId}-${span!.spanContext().spanId}-01`]);
  });
});

describe('a stream the app stops reading', () => {
  /** Sends a chat stream, then (optionally) its [DONE], then holds the body open. */
  async function holdingServer(sendDone: boolean): Promise<{ url: string; close(): Promise<void> }> {
    const server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}\n\n');
      res.write('data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":2,"completion_tokens":1}}\n\n');
      if (sendDone) res.write('data: [DONE]\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/chat/completions`,
      close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    };
  }

  async function readUntilThenCancel(url: string, marker: string): Promise<void> {
    const response = await fetch(url, { method: 'POST', body: chatBody({ stream: true }) });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes(marker)) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  it('ends the span normally when the app cancels after the provider end marker', async () => {
    const server = await holdingServer(true);
    exporter.reset();
    await readUntilThenCancel(server.url, '[DONE]');
    await server.close();
    const [span] = exporter.getFinishedSpans();
    expect(span!.status.code).toBe(0);
    expect(span!.attributes['error.type']).toBeUndefined();
    expect(span!.attributes).toMatchObject({ 'gen_ai.usage.output_tokens': 1, 'gen_ai.response.finish_reasons': ['stop'] });
  });

  it('records an error when the app cancels before the end marker, keeping what was read', async () => {
    const server = await holdingServer(false);
    exporter.reset();
    await readUntilThenCancel(server.url, 'completion_tokens');
    await server.close();
    const [span] = exporter.getFinishedSpans();
    expect(span!.status.code).toBe(2);
    expect(span!.attributes['error.type']).toBeTypeOf('string');
    expect(span!.attributes['gen_ai.usage.output_tokens']).toBe(1);
  });
});
