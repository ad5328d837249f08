// A traced app that makes many LLM calls (fetch, plain JSON and SSE in turn) against the mock
// server running in this process, checks every answer, and reports how its memory moved.
// Env: CALLS (total), WARMUP (calls before the first memory reading), CONCURRENCY.
// Prints { phase: 'calls', ... } then, as its very last act, { phase: 'done', at: <epoch ms> }.
import { startMockLlmServer } from '../../../dist/mock-server/mock-llm-server.js';

const calls = Number(process.env.CALLS ?? 10_000);
const warmup = Math.min(Number(process.env.WARMUP ?? 2_000), calls);
const concurrency = Number(process.env.CONCURRENCY ?? 8);
// Collect garbage this often, so V8 keeps its heap small and RSS follows what is really retained.
const GC_EVERY = 500;
// The mock server answers with the first N words of its vocabulary; N = max_tokens.
const REPLY = 'the trace shows each call';
const REPLY_WORDS = REPLY.split(' ').length;

const problems = [];
process.on('unhandledRejection', (e) => problems.push(`unhandledRejection: ${e?.stack ?? e}`));
process.on('uncaughtException', (e) => problems.push(`uncaughtException: ${e?.stack ?? e}`));

const server = await startMockLlmServer({ maxRequests: calls });

/** One call; returns the reply text and token counts the app read (JSON on even calls, SSE on odd). */
async function call(i) {
  const stream = i % 2 === 1;
  const response = await fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-fault-suite-collector-0000' },
    body: JSON.stringify({
      model: 'mock-model', messages: [{ role: 'user', content: 'say it' }], max_tokens: REPLY_WORDS, stream,
      ...(stream && { stream_options: { include_usage: true } }),
    }),
  });
  if (!stream) {
    const body = await response.json();
    return `${body.choices[0].message.content}|${body.usage.prompt_tokens}|${body.usage.completion_tokens}`;
  }
  let text = '';
  let usage;
  for (const line of (await response.text()).split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    const chunk = JSON.parse(line.slice(6));
    text += chunk.choices[0]?.delta?.content ?? '';
    usage = chunk.usage ?? usage;
  }
  return `${text}|${usage?.prompt_tokens}|${usage?.completion_tokens}`;
}
const EXPECTED = `${REPLY}|2|${REPLY_WORDS}`;

function memory() {
  globalThis.gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

const tally = { ok: 0, wrong: 0, failed: 0 };
let next = 0;
async function worker(until) {
  while (next < until) {
    const i = next++;
    try {
      const got = await call(i);
      if (got === EXPECTED) tally.ok += 1;
      else if (tally.wrong++ === 0) problems.push(`call ${i} answered ${got}`);
    } catch (error) {
      if (tally.failed++ === 0) problems.push(`call ${i} failed: ${error?.stack ?? error}`);
    }
    if (i % GC_EVERY === 0) globalThis.gc?.();
  }
}
const runUntil = (until) => Promise.all(Array.from({ length: concurrency }, () => worker(until)));

await runUntil(warmup);
const warm = memory();
await runUntil(calls);
const end = memory();
console.log(JSON.stringify({ phase: 'calls', calls, ...tally, warm, end, problems }));
await server.close();
console.log(JSON.stringify({ phase: 'done', at: Date.now() }));
