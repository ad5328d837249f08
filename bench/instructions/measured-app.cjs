// The app process of the instruction-count benchmark, run under callgrind with instrumentation
// off at start. Timeline: warm-up calls (uninstrumented: valgrind runs them ~5x slower than
// native instead of ~50x, so thousands are affordable) -> flush every span -> settle, full GC ->
// [start instrumentation, zero counters] measured calls -> flush, wait for every export's answer
// [dump "window"]. The dump's total is the window's instruction count.
// CommonJS like bench/client-load.cjs, whose calls it runs, so every configuration's
// `require('openai')` hook sees the SDK alike.
// Env (set by bench/instructions/run.mjs): BENCH_IC_ADDON, BENCH_IC_MODE, BENCH_IC_CONCURRENCY,
// BENCH_IC_WARMUP, BENCH_IC_CALLS, BENCH_IC_BATCH, and client-load.cjs's BENCH_SDK, BENCH_BASE_URL.
// BENCH_IC_NOOP_EXPORT=1 (an ablation, via --env): see export-schedule.cjs.
// Prints one JSON line: { measured: true, windowNs, exports, spansExported, batchProcessors }.
'use strict';

const { runCalls } = require('../client-load.cjs');
const { fixExportSchedule } = require('./export-schedule.cjs');

const env = process.env;
const callgrind = require(env.BENCH_IC_ADDON);
const mode = env.BENCH_IC_MODE;
const concurrency = Number(env.BENCH_IC_CONCURRENCY);
const warmup = Number(env.BENCH_IC_WARMUP);
const calls = Number(env.BENCH_IC_CALLS);
const batch = Number(env.BENCH_IC_BATCH);
const noopExport = env.BENCH_IC_NOOP_EXPORT === '1';
const SETTLE_MS = 300;

const schedule = fixExportSchedule({ batch, noopExport });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const nowNs = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));

async function main() {
  await runCalls(mode, concurrency, warmup);
  await schedule.flushAll();
  await sleep(SETTLE_MS);
  globalThis.gc();
  await sleep(20);
  const before = schedule.counts();
  // A marker for V8 traces of a --native run (--trace-gc): what follows is the window.
  if (!callgrind.onValgrind()) process.stdout.write('-- measured window --\n');
  const windowStart = nowNs();
  callgrind.startInstrumentation();
  callgrind.zeroStats();
  await runCalls(mode, concurrency, calls);
  await schedule.flushAll();
  callgrind.dumpStats('window');
  const windowEnd = nowNs();
  const after = schedule.counts();
  process.stdout.write(`${JSON.stringify({
    measured: true, onValgrind: callgrind.onValgrind(), windowNs: [String(windowStart), String(windowEnd)],
    exports: after.exportsDone - before.exportsDone, spansExported: after.spansExported - before.spansExported, batchProcessors: schedule.batchProcessors,
  })}\n`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
