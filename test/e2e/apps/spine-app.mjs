// One child app for the spine's process-level tests; MODE picks the scenario.
// BASE_URL: an OpenAI-compatible base URL (ends in /v1). Prints JSON result lines.
import http from 'node:http';
import { context, propagation, trace, ROOT_CONTEXT } from '@opentelemetry/api';
import OpenAI from 'openai';

const mode = process.env.MODE;
const baseURL = process.env.BASE_URL;
const client = new OpenAI({ apiKey: 'sk-spine-test-0000000000000000000000', baseURL, maxRetries: 0 });
const chat = (extra = {}) =>
  client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello there' }], max_tokens: 3, ...extra });

function httpPost(url, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const log = (value) => console.log(JSON.stringify(value));

if (mode === 'parent') {
  // An LLM call inside the app's own span: the LLM span is its child, the server sees the LLM span.
  await trace.getTracer('spine-app').startActiveSpan('handle-request', async (span) => {
    const result = await chat();
    log({ parentTraceId: span.spanContext().traceId, parentSpanId: span.spanContext().spanId, id: result.id });
    span.end();
  });
} else if (mode === 'many') {
  const count = Number(process.env.COUNT ?? 1000);
  for (let i = 0; i < count; i++) await chat();
  log({ calls: count });
} else if (mode === 'remote-parent') {
  // Calls under an incoming traceparent (as a router or backend receives one): sampled or not,
  // the LLM span follows the caller's decision, so traces stay whole.
  for (const flags of ['01', '00']) {
    const carrier = { traceparent: `00-${flags === '01' ? '1'.repeat(32) : '2'.repeat(32)}-${'3'.repeat(16)}-${flags}` };
    const ctx = propagation.extract(ROOT_CONTEXT, carrier);
    for (let i = 0; i < Number(process.env.COUNT ?? 50); i++) await context.with(ctx, () => chat());
  }
  log({ done: true });
} else if (mode === 'content') {
  const result = await chat({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'x'.repeat(5000) }] });
  log({ id: result.id });
} else if (mode === 'node-http') {
  const plain = await httpPost(`${baseURL}/chat/completions`, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4 });
  const streamed = await httpPost(`${baseURL}/chat/completions`, {
    model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5, stream: true, stream_options: { include_usage: true },
  });
  log({ plain: plain.status, streamed: streamed.status, streamedEndsWithDone: streamed.text.trimEnd().endsWith('[DONE]') });
} else {
  const result = await chat();
  log({ id: result.id, content: result.choices[0].message.content });
}
