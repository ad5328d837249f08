// The benchmarked app: an `openai` client calling the local mock server, mode after mode.
// CommonJS on purpose: every peer instrumentation patches `require('openai')` without an ESM
// loader hook, so each configuration sees the SDK the same way.
// Env: BENCH_SDK (module path or name to require), BENCH_BASE_URL, BENCH_PLAN (JSON:
// [{ mode, concurrency, warmup, calls }]). Required as a module (the instruction-count app,
// bench/instructions/measured-app.cjs), it runs no plan and exports `CALLS` and `runCalls`.
// Prints one JSON line per step: { mode, concurrency, calls, cpuMicros, mainThreadCpuMicros, p50Ms, p99Ms, rssBefore,
//   rssAfter, windowNs: [start, end] }, then { done: true }. Spans starting within
//   WINDOW_GAP_MS / 2 of the window belong to it.
'use strict';

const sdk = require(process.env.BENCH_SDK ?? 'openai');
const OpenAI = sdk.OpenAI ?? sdk.default ?? sdk;
const client = new OpenAI({ apiKey: 'sk-bench-not-a-real-key', baseURL: process.env.BENCH_BASE_URL, maxRetries: 0 });

/** One call per mode, read to the end as an app would. */
const CALLS = {
  chat: async () => {
    const completion = await client.chat.completions.create({
      model: 'mock-model', messages: [{ role: 'user', content: 'Say something about tracing' }], max_tokens: 12,
    });
    return completion.choices[0].message.content.length;
  },
  // The mock server sends one chunk per word; max_tokens sets the words: 100 content chunks.
  stream: async () => {
    const stream = await client.chat.completions.create({
      model: 'mock-model', messages: [{ role: 'user', content: 'Say something about tracing' }], max_tokens: 100,
      stream: true, stream_options: { include_usage: true },
    });
    let chunks = 0;
    for await (const _chunk of stream) chunks += 1;
    return chunks;
  },
  embeddings: async () => {
    const result = await client.embeddings.create({ model: 'mock-embedding', input: 'a sentence to embed for the benchmark' });
    return result.data.length;
  },
};

const WINDOW_GAP_MS = 50;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const nowNs = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));

function rss() {
  globalThis.gc?.();
  return process.memoryUsage().rss;
}

async function runCalls(mode, concurrency, count, latencies) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const started = performance.now();
      await CALLS[mode]();
      latencies?.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function main() {
  const plan = JSON.parse(process.env.BENCH_PLAN);
  for (const step of plan) {
    await runCalls(step.mode, step.concurrency, step.warmup);
    const rssBefore = rss();
    // Quiet gaps around the measured calls: span start times may be rounded (to the millisecond by
    // some instrumentations), and the bench counts spans by the window they start in.
    await sleep(WINDOW_GAP_MS);
    const latencies = [];
    const windowStart = nowNs();
    const cpu = process.cpuUsage();
    const threadCpu = process.threadCpuUsage();
    await runCalls(step.mode, step.concurrency, step.calls, latencies);
    const used = process.cpuUsage(cpu);
    const threadUsed = process.threadCpuUsage(threadCpu);
    const windowEnd = nowNs();
    await sleep(WINDOW_GAP_MS);
    const rssAfter = rss();
    latencies.sort((a, b) => a - b);
    const percentile = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    console.log(JSON.stringify({
      mode: step.mode, concurrency: step.concurrency, calls: step.calls, cpuMicros: used.user + used.system,
      mainThreadCpuMicros: threadUsed.user + threadUsed.system,
      p50Ms: percentile(50), p99Ms: percentile(99), rssBefore, rssAfter, windowNs: [String(windowStart), String(windowEnd)],
    }));
  }
  console.log(JSON.stringify({ done: true }));
}

module.exports = { CALLS, runCalls };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
