// An app that calls the router through the real `openai` SDK, run under --import ./register.js.
// Each scenario runs inside its own root span `scenario <name>` and prints one JSON line with what
// the app saw (the trace id, the router's response headers, the answer, a hash of the raw stream).
import { createHash } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import OpenAI from 'openai';

const client = new OpenAI({ apiKey: 'sk-test-not-a-key', baseURL: `${process.env.ROUTER_URL}/v1`, maxRetries: 0, timeout: 20_000 });
const tracer = trace.getTracer('router-e2e-app');
const scenarios = (process.env.SCENARIOS ?? '').split(',').filter(Boolean);

const ask = (model, content, extra = {}) => ({ model, messages: [{ role: 'user', content }], ...extra });
const routerHeaders = (response) =>
  Object.fromEntries(['x-vsr-selected-model', 'x-vsr-selected-decision', 'x-vsr-cache-hit', 'x-request-id'].map((h) => [h, response.headers.get(h)]));

async function plain(params, options) {
  const { data, response } = await client.chat.completions.create(params, options).withResponse();
  return { headers: routerHeaders(response), content: data.choices[0].message.content, model: data.model };
}

async function streamedText(params) {
  const { data, response } = await client.chat.completions.create({ ...params, stream: true }).withResponse();
  let content = '';
  for await (const chunk of data) content += chunk.choices[0]?.delta?.content ?? '';
  return { headers: routerHeaders(response), content };
}

const run = {
  keyword: () => plain(ask('auto', 'Please write a function that reverses a string'), { headers: { 'x-request-id': 'req-keyword-1' } }),
  embedding: () => plain(ask('auto', 'what is the derivative of x squared')),
  fallback: () => plain(ask('MoM', 'hello there, nothing special today')),
  'cache-first': () => plain(ask('general-model', 'tell me about zebra caches')),
  'cache-repeat': () => plain(ask('general-model', 'tell me about   zebra caches ')),
  'cache-stream': () => streamedText(ask('general-model', 'tell me about zebra caches', { stream_options: { include_usage: true } })),
  'cache-similar': () => plain(ask('general-model', 'tell me about zebra caches please')),
  failover: () => plain(ask('flaky-model', 'failover probe one')),
  'failover-again': () => plain(ask('flaky-model', 'failover probe two')),
  async stream() {
    const response = await client.chat.completions
      .create(ask('general-model', 'stream probe', { stream: true, stream_options: { include_usage: true } }))
      .asResponse();
    const bytes = Buffer.from(await response.arrayBuffer());
    return { headers: routerHeaders(response), sha256: createHash('sha256').update(bytes).digest('hex'), length: bytes.length };
  },
  async abort() {
    const controller = new AbortController();
    const stream = await client.chat.completions.create(ask('slow-model', 'abort probe', { stream: true }), { signal: controller.signal });
    let chunks = 0;
    try {
      for await (const chunk of stream) {
        chunks += 1;
        if (chunk) {
          controller.abort();
        }
      }
    } catch (error) {
      return { chunks, error: error.name };
    }
    return { chunks, error: null };
  },
  async unknown() {
    try {
      await client.chat.completions.create(ask('no-such-model', 'x'));
      return { status: 200 };
    } catch (error) {
      return { status: error.status, code: error.code, type: error.type };
    }
  },
  unsampled: () => plain(ask('general-model', 'unsampled probe')),
};

for (const name of scenarios) {
  await tracer.startActiveSpan(`scenario ${name}`, async (span) => {
    const traceId = span.spanContext().traceId;
    try {
      console.log(JSON.stringify({ scenario: name, traceId, ...(await run[name]()) }));
    } catch (error) {
      console.log(JSON.stringify({ scenario: name, traceId, failed: String(error) }));
    } finally {
      span.end();
    }
  });
}
