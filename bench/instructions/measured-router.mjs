// Loaded into `llm-otel router` (`node --import` this file) by the instruction count of the
// router (router-cells.mjs), which runs the router under callgrind with instrumentation off at
// start and drives it over stdin, one command per line, each answered by one JSON line on stdout:
//   settle  -> fix the export schedule (export-schedule.cjs; the router has started tracing by
//              now), export everything queued, full GC          -> {"bench":"settled"}
//   start   -> switch instrumentation on, zero the counters      -> {"bench":"started"}
//   stop    -> export everything queued and wait for the answers, dump "window"
//              -> {"bench":"stopped","exports":N,"spansExported":N,"batchProcessors":N}
// Between start and stop the driver sends the measured requests, so the dump holds the router's
// instructions for them and for exporting their spans. Env: BENCH_IC_ADDON, BENCH_IC_BATCH.
import { createRequire } from 'node:module';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
const callgrind = require(process.env.BENCH_IC_ADDON);
const { fixExportSchedule } = require('./export-schedule.cjs');
const SETTLE_MS = 300;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const answer = (fields) => process.stdout.write(`${JSON.stringify(fields)}\n`);
let schedule;
let before;

const commands = {
  async settle() {
    schedule ??= fixExportSchedule({ batch: Number(process.env.BENCH_IC_BATCH), noopExport: false });
    await schedule.flushAll();
    await sleep(SETTLE_MS);
    globalThis.gc();
    await sleep(20);
    return { bench: 'settled' };
  },
  async start() {
    before = schedule.counts();
    callgrind.startInstrumentation();
    callgrind.zeroStats();
    return { bench: 'started' };
  },
  async stop() {
    await schedule.flushAll();
    callgrind.dumpStats('window');
    const after = schedule.counts();
    return { bench: 'stopped', exports: after.exportsDone - before.exportsDone, spansExported: after.spansExported - before.spansExported, batchProcessors: schedule.batchProcessors };
  },
};

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = commands[line.trim()];
  if (!command) {
    answer({ bench: 'error', message: `unknown command ${JSON.stringify(line)}` });
    return;
  }
  command().then(answer, (error) => answer({ bench: 'error', message: String(error?.stack ?? error) }));
});
// The router exits on SIGTERM once its work is done; an open stdin must not keep it alive.
process.stdin.unref();
