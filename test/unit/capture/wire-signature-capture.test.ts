import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmHttpInstrumentation } from '../../../src/capture/llm-http-instrumentation.js';
import { useInMemorySdk } from '../../helpers/in-memory-sdk.js';

/**
 * The capture on a host nobody mapped, through the real transports: a call is traced when its
 * request carries the provider's wire signature in the headers the app (or its SDK) set, and an
 * app's own JSON API on the same paths is left alone, even when its answer looks like a model's.
 */
const { exporter, provider } = useInMemorySdk();
let instrumentation: LlmHttpInstrumentation;
let server: http.Server;
let base = '';
let requests = 0;

/** Answers every POST with a body shaped like an Anthropic message, as an app's own API might. */
const ANSWER = JSON.stringify({
  id: 'msg_local', type: 'message', role: 'assistant', model: 'local-model', stop_reason: 'end_turn',
  content: [{ type: 'text', text: 'hi' }], usage: { input_tokens: 3, output_tokens: 1 },
});
const BODY = JSON.stringify({ model: 'local-model', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] });
const SIGV4_BEDROCK =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=00';

beforeAll(async () => {
  instrumentation = new LlmHttpInstrumentation();
  instrumentation.setTracerProvider(provider);
  server = http.createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(ANSWER));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  instrumentation.disable();
  await new Promise((resolve) => server.close(resolve));
});

/** POSTs BODY over node:http and reads the answer. */
function httpPost(path: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(BODY);
  });
}

async function fetchPost(path: string, headers: RequestInit['headers']): Promise<void> {
  await (await fetch(`${base}${path}`, { method: 'POST', headers, body: BODY })).text();
}

const providers = () => exporter.getFinishedSpans().map((s) => s.attributes['gen_ai.provider.name']);

describe('an app\'s own JSON API on LLM-looking paths', () => {
  it.each([
    ['fetch', '/v1/messages', () => fetchPost('/v1/messages', { 'content-type': 'application/json' })],
    ['fetch', '/api/chat', () => fetchPost('/api/chat', { 'content-type': 'application/json' })],
    ['node:http', '/model/x/invoke', () => httpPost('/model/x/invoke', {})],
    ['node:http', '/model/x/invoke with a bearer token', () => httpPost('/model/x/invoke', { authorization: 'Bearer token' })],
    ['node:http', '/v2/chat', () => httpPost('/v2/chat', {})],
  ])('%s %s: no span', async (_transport, _path, call) => {
    const before = requests;
    await call();
    expect(requests).toBe(before + 1);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

describe('the same paths with the provider\'s wire signature', () => {
  it.each([
    ['fetch, a Headers object', () => fetchPost('/anthropic/v1/messages', new Headers({ 'anthropic-version': '2023-06-01' })), 'anthropic'],
    ['fetch, a record with mixed-case names', () => fetchPost('/v1/messages', { 'Anthropic-Version': '2023-06-01' }), 'anthropic'],
    ['fetch, header pairs', () => fetchPost('/v1/messages', [['anthropic-version', '2023-06-01']]), 'anthropic'],
    [
      'fetch of a Request',
      async () => {
        const request = new Request(`${base}/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01' }, body: BODY });
        await (await fetch(request)).text();
      },
      'anthropic',
    ],
    ['node:http, the ollama-js User-Agent', () => httpPost('/api/chat', { 'User-Agent': 'ollama-js/0.6.4 (x64 linux Node.js/v24.11.0)' }), 'ollama'],
    ['node:http, a SigV4 Authorization for bedrock', () => httpPost('/model/x/invoke', { Authorization: SIGV4_BEDROCK }), 'aws.bedrock'],
    ['node:http, the Cohere SDK', () => httpPost('/v2/chat', { 'X-Fern-SDK-Name': 'cohere-ai' }), 'cohere'],
  ])('%s: one span of the provider, server.address the host called', async (_title, call, expected) => {
    await call();
    expect(providers()).toEqual([expected]);
    const [span] = exporter.getFinishedSpans();
    expect(span!.attributes['server.address']).toBe('127.0.0.1');
  });
});

describe('genAiConventions: latest', () => {
  it('switches the span\'s usage attributes to the newest conventions (Anthropic input includes cache reads and writes)', async () => {
    const cacheAnswer = JSON.stringify({
      id: 'msg_cache', type: 'message', role: 'assistant', model: 'local-model', stop_reason: 'end_turn', content: [],
      usage: { input_tokens: 4, cache_read_input_tokens: 10, cache_creation_input_tokens: 100, output_tokens: 2 },
    });
    // One instrumentation at a time: the default one steps aside while the latest one runs.
    instrumentation.disable();
    const latest = new LlmHttpInstrumentation({ genAiConventions: 'latest' });
    latest.setTracerProvider(provider);
    const local = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(cacheAnswer));
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      const port = (local.address() as { port: number }).port;
      const response = await fetch(`http://127.0.0.1:${port}/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01' }, body: BODY });
      await response.text();
      const [span] = exporter.getFinishedSpans();
      expect(span!.attributes).toMatchObject({
        'gen_ai.usage.input_tokens': 114,
        'gen_ai.usage.cache_read.input_tokens': 10,
        'gen_ai.usage.cache_write.input_tokens': 100,
        'gen_ai.usage.output_tokens': 2,
      });
      expect(span!.attributes['gen_ai.usage.cache_creation.input_tokens']).toBeUndefined();
    } finally {
      latest.disable();
      instrumentation.enable();
      await new Promise((resolve) => local.close(resolve));
    }
  });
});
