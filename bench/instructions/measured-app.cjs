// The app process of the instruction-count benchmark, run under callgrind with instrumentation
// off at start. Timeline: warm-up calls (uninstrumented: valgrind runs them ~5x slower than
// native instead of ~50x, so thousands are affordable) -> flush every span -> settle, full GC ->
// [start instrumentation, zero counters] measured calls -> flush, wait for every export's answer
// [dump "window"]. The dump's total is the window's instruction count.
// CommonJS like bench/client-load.cjs, whose calls it runs, so every configuration's
// `require('openai')` hook sees the SDK alike.
// Env (set by bench/instructions/run.mjs): BENCH_IC_ADDON, BENCH_IC_MODE, BENCH_IC_CONCURRENCY,
// BENCH_IC_WARMUP, BENCH_IC_CALLS, BENCH_IC_BATCH, and client-load.cjs's BENCH_SDK, BENCH_BASE_URL.
// BENCH_IC_NOOP_EXPORT=1 (an ablation, via --env): spans reach the exporter, which answers success
// at once without serializing or sending them, so the export pipeline's share can be read off.
// Prints one JSON line: { measured: true, windowNs, exports, spansExported, batchProcessors }.
'use strict';

const { runCalls } = require('../client-load.cjs');
const { trace } = require('@opentelemetry/api');

const env = process.env;
const callgrind = require(env.BENCH_IC_ADDON);
const mode = env.BENCH_IC_MODE;
const concurrency = Number(env.BENCH_IC_CONCURRENCY);
const warmup = Number(env.BENCH_IC_WARMUP);
const calls = Number(env.BENCH_IC_CALLS);
const batch = Number(env.BENCH_IC_BATCH);
const noopExport = env.BENCH_IC_NOOP_EXPORT === '1';
const SETTLE_MS = 300;

/** Every BatchSpanProcessor under the global tracer provider (llm-otel chains its own processor first). */
function batchProcessors() {
  const global = trace.getTracerProvider();
  const delegate = typeof global.getDelegate === 'function' ? global.getDelegate() : global;
  // llm-otel's register puts a YieldingTracerProvider (src/sdk/yielding-tracer-provider.ts) in
  // front of its own provider, which it keeps as `own`.
  const provider = delegate?.own ?? delegate;
  const found = [];
  const visit = (processor) => {
    if (!processor || typeof processor !== 'object') return;
    if ('_maxExportBatchSize' in processor && '_scheduledDelayMillis' in processor && processor._exporter) found.push(processor);
    for (const inner of processor._spanProcessors ?? []) visit(inner);
  };
  visit(provider?._activeSpanProcessor);
  return { provider, found };
}

const { provider, found } = batchProcessors();
let exportsDone = 0;
let spansExported = 0;
let inFlight = 0;
let whenIdle = [];

// One export schedule for every configuration: a batch leaves as soon as `batch` spans are queued
// (the processor's own batch-full path, in the background while calls go on). The delay timer
// would fire every second of valgrind's slowed clock, so the number of exports would depend on
// the machine's load; it is pushed out of reach. The field names are sdk-trace 3.x internals; a
// traced run that finds no processor is reported by run.mjs (and fails there).
for (const processor of found) {
  processor._maxExportBatchSize = batch;
  processor._scheduledDelayMillis = 1e9;
  const exporter = processor._exporter;
  const send = noopExport ? (_spans, answer) => setImmediate(() => answer({ code: 0 })) : exporter.export.bind(exporter);
  exporter.export = (spans, done) => {
    inFlight += 1;
    spansExported += spans.length;
    send(spans, (result) => {
      inFlight -= 1;
      exportsDone += 1;
      try {
        done(result);
      } finally {
        if (inFlight === 0) for (const resolve of whenIdle.splice(0)) resolve();
      }
    });
  };
}

/** Everything queued is exported and every export's answer handled. */
async function flushAll() {
  if (typeof provider?.forceFlush !== 'function') return;
  await provider.forceFlush();
  while (inFlight > 0) await new Promise((resolve) => whenIdle.push(resolve));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const nowNs = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));

async function main() {
  await runCalls(mode, concurrency, warmup);
  await flushAll();
  await sleep(SETTLE_MS);
  globalThis.gc();
  await sleep(20);
  const before = { exportsDone, spansExported };
  // A marker for V8 traces of a --native run (--trace-gc): what follows is the window.
  if (!callgrind.onValgrind()) process.stdout.write('-- measured window --\n');
  const windowStart = nowNs();
  callgrind.startInstrumentation();
  callgrind.zeroStats();
  await runCalls(mode, concurrency, calls);
  await flushAll();
  callgrind.dumpStats('window');
  const windowEnd = nowNs();
  process.stdout.write(`${JSON.stringify({
    measured: true, onValgrind: callgrind.onValgrind(), windowNs: [String(windowStart), String(windowEnd)],
    exports: exportsDone - before.exportsDone, spansExported: spansExported - before.spansExported, batchProcessors: found.length,
  })}\n`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
