// `npm run bench`: client-side overhead of tracing an LLM call, every configuration side by side
// in one run. Each configuration runs in its own child process (bench/client-load.cjs) against
// the mock server (its own process) and exports to a receiver in this process.
// BENCH_QUICK=1: one short round (a smoke test, not numbers to quote). BENCH_ROUNDS=n overrides.
// Writes bench/results.md and bench/results.json and prints the table.
// `npm run bench -- --instructions [cells]`: instructions per call under callgrind instead
// (bench/instructions/run.mjs; needs valgrind).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startOtlpReceiver } from '../dist/viewer/otlp-receiver.js';
import { runChild, spanLedger, startMockServer } from './child-runner.mjs';
import { CONCURRENCIES, MODES, REPO_ROOT, configurations, sdks } from './configurations.mjs';
import { summarise, toMarkdown } from './report.mjs';
import { runRouterBench } from './router.mjs';
import { runStartupBench } from './startup.mjs';
import { runViewerIngestBench } from './viewer-ingest.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
/**
 * Rounds over calls: on a shared machine most of the noise is between processes (JIT, layout,
 * neighbours), so more, shorter rounds give steadier medians than fewer, longer ones.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 6));
/** Measured calls per mode and concurrency; a streamed call costs about three plain ones. */
const CALLS = QUICK ? { chat: 300, stream: 100, embeddings: 300 } : { chat: 800, stream: 300, embeddings: 800 };
const WARMUP = QUICK ? { chat: 100, stream: 40, embeddings: 100 } : { chat: 200, stream: 80, embeddings: 200 };
const WINDOW_SLACK_NS = 25_000_000n;

async function main() {
  const started = Date.now();
  let ledger;
  const receiver = await startOtlpReceiver({ port: 0, onSpans: (spans) => ledger.onSpans(spans) });
  ledger = spanLedger(receiver);
  const server = await startMockServer();
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-bench-'));
  const llmOtelConfig = { tracingOnly: path.join(configDir, 'tracing-only.yaml'), withMetrics: path.join(configDir, 'with-metrics.yaml') };
  const yaml = (metrics) => ['observability:', '  tracing:', `    exporter: { endpoint: "http://127.0.0.1:${receiver.port}" }`, `    metrics: { enabled: ${metrics} }`, ''].join('\n');
  // Tracing only, like the peers (which get no MeterProvider here); see docs/benchmark.md.
  fs.writeFileSync(llmOtelConfig.tracingOnly, yaml(false));
  fs.writeFileSync(llmOtelConfig.withMetrics, yaml(true));
  const configs = configurations(llmOtelConfig);
  const runs = [];
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const sdk of sdks()) {
        // Rotate the order every round, so no configuration always runs first or last.
        const order = configs.map((_, i) => configs[(i + round - 1) % configs.length]);
        for (const config of order) {
          const service = `bench-r${round}-${sdk.name}-${config.name}`;
          process.stderr.write(`round ${round}/${ROUNDS} ${sdk.label} ${config.label} ... `);
          const plan = MODES.flatMap((mode) => CONCURRENCIES.map((concurrency) => ({ mode, concurrency, warmup: WARMUP[mode], calls: CALLS[mode] })));
          const { steps } = await runChild({ config, sdk, plan, serverUrl: server.url, receiverPort: receiver.port, service });
          const spans = await ledger.take(service);
          for (const step of steps) {
            // Some instrumentations round span start times to the millisecond; the child leaves 50 ms
            // of quiet on each side of its window (client-load.cjs), so half of that is safe slack.
            const [from, to] = step.windowNs.map((ns, i) => BigInt(ns) + (i === 0 ? -WINDOW_SLACK_NS : WINDOW_SLACK_NS));
            const inWindow = spans.filter((s) => s.start >= from && s.start <= to);
            runs.push({
              round, sdk: sdk.name, config: config.name, mode: step.mode, concurrency: step.concurrency, calls: step.calls,
              cpuMicrosPerCall: step.cpuMicros / step.calls, mainThreadCpuMicrosPerCall: step.mainThreadCpuMicros / step.calls, p50Ms: step.p50Ms, p99Ms: step.p99Ms,
              rssGrowthBytes: step.rssAfter - step.rssBefore, spansPerCall: inWindow.length / step.calls,
              spanNames: [...new Set(inWindow.map((s) => s.name))].slice(0, 3),
            });
          }
          process.stderr.write('done\n');
        }
      }
    }
  } finally {
    server.stop();
    await receiver.close();
    fs.rmSync(configDir, { recursive: true, force: true });
  }
  const meta = {
    node: process.version, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, date: new Date().toISOString(),
    rounds: ROUNDS, calls: CALLS, warmup: WARMUP, quick: QUICK, minutes: (Date.now() - started) / 60_000,
    sdks: sdks().map(({ name, label }) => ({ name, label })),
    configurations: configs.map(({ name, label, peer }) => ({ name, label, peer: !!peer })),
  };
  const summary = summarise(runs, meta);
  process.stderr.write('start-up ... ');
  const startup = await runStartupBench();
  process.stderr.write('done\n');
  process.stderr.write('viewer ingest ... ');
  const viewer = await runViewerIngestBench();
  process.stderr.write('done\n');
  const markdown = `${toMarkdown(summary, meta)}\n${startup.markdown}\n${viewer.markdown}`;
  fs.writeFileSync(path.join(REPO_ROOT, 'bench/results.json'), JSON.stringify({ meta, summary, runs, startup: startup.rows, viewerIngest: viewer.rows }, null, 2) + '\n');
  fs.writeFileSync(path.join(REPO_ROOT, 'bench/results.md'), markdown);
  console.log(markdown);
}

if (process.argv.includes('--instructions')) await import('./instructions/run.mjs');
else if (process.argv.includes('--viewer')) console.log((await runViewerIngestBench()).markdown);
else {
  await main();
  // The router part: its added latency over calling the backend directly (bench/router-results.md).
  await runRouterBench();
}
