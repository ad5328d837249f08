// Start-up part of `npm run bench`: how long until an app's first line runs, under each way of
// starting it, as medians and as ratios against plain `node` measured in the same run (the
// configurations take turns, so a machine that slows down slows all of them alike).
// `node bench/startup.mjs` alone runs just this part; BENCH_STARTUP_RUNS=n sets the rounds.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './configurations.mjs';
import { median } from './stats.mjs';

const APP = path.join(REPO_ROOT, 'bench/startup/first-line.mjs');
const REGISTER = path.join(REPO_ROOT, 'register.js');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
/** The issue's budget: the time to the first line may grow this much over plain node. */
const BUDGET_MS = { enabled: 100, disabled: 10 };

const CONFIGS = [
  { name: 'node', label: 'node app.mjs', args: [APP], env: {} },
  { name: 'disabled', label: 'llm-otel, OTEL_SDK_DISABLED=true', args: ['--import', REGISTER, APP], env: { OTEL_SDK_DISABLED: 'true' }, budget: BUDGET_MS.disabled },
  { name: 'enabled', label: 'llm-otel (gRPC, metrics on)', args: ['--import', REGISTER, APP], env: {}, budget: BUDGET_MS.enabled },
  { name: 'enabled-http', label: 'llm-otel (http/protobuf)', args: ['--import', REGISTER, APP], env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' }, budget: BUDGET_MS.enabled },
  { name: 'auto', label: 'node --require @opentelemetry/auto-instrumentations-node/register', args: ['--require', '@opentelemetry/auto-instrumentations-node/register', APP], env: { OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none' } },
];

/** Milliseconds from spawn to the app's first line on stdout. */
function timeToFirstLine({ args, env }) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // No collector listens on the default ports; nothing is sent before the first line anyway.
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
    let at;
    child.stdout.on('data', () => (at ??= process.hrtime.bigint()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      if (at === undefined) reject(new Error(`no first line from node ${args.join(' ')}`));
      else resolve(Number(at - started) / 1e6);
    });
  });
}

export async function runStartupBench() {
  const times = new Map(CONFIGS.map((config) => [config.name, []]));
  const ratios = new Map(CONFIGS.map((config) => [config.name, []]));
  for (const config of CONFIGS) await timeToFirstLine(config); // warm the file cache
  for (let run = 0; run < RUNS; run += 1) {
    const round = {};
    for (const config of CONFIGS) round[config.name] = await timeToFirstLine(config);
    for (const config of CONFIGS) {
      times.get(config.name).push(round[config.name]);
      ratios.get(config.name).push(round[config.name] / round.node);
    }
  }
  const plain = median(times.get('node'));
  const rows = CONFIGS.map((config) => {
    const ms = median(times.get(config.name));
    const added = ms - plain;
    return { name: config.name, label: config.label, medianMs: ms, addedMs: added, ratio: median(ratios.get(config.name)), budgetMs: config.budget, withinBudget: config.budget === undefined ? undefined : added <= config.budget };
  });
  const lines = [
    `## Start-up: time until the app's first line runs (${RUNS} rounds, median)`,
    '',
    '| how the app is started | ms | added over node | ratio to node | budget |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.label} | ${r.medianMs.toFixed(1)} | ${r.addedMs.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.budgetMs === undefined ? '' : `+${r.budgetMs} ms: ${r.withinBudget ? 'within' : 'OVER'}`} |`),
    '',
  ];
  return { rows, markdown: lines.join('\n') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, markdown } = await runStartupBench();
  fs.writeFileSync(path.join(REPO_ROOT, 'bench/startup-results.json'), JSON.stringify({ node: process.version, date: new Date().toISOString(), runs: RUNS, rows }, null, 2) + '\n');
  fs.writeFileSync(path.join(REPO_ROOT, 'bench/startup-results.md'), markdown);
  console.log(markdown);
}
