// The router part of `npm run bench` (alone: `node bench/router.mjs` after `npm run build`):
// the latency `llm-otel router` adds over calling the backend directly, p50 and p99, plain and
// streamed (100 chunks), at concurrency 1 and 32, and requests per second at 32, in one run.
// The backend (the mock server) and the router are processes of their own; the client is this
// process (plain fetch, untraced). The router traces every request (always_on) to a receiver in
// this process and classifies each one (bench/router-setup.mjs).
// Where the time goes: the router's CPU per request (from /proc).
// Writes bench/router-results.md and bench/router-results.json and prints the table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startOtlpReceiver } from '../dist/viewer/otlp-receiver.js';
import { startMockServer } from './child-runner.mjs';
import { REPO_ROOT } from './configurations.mjs';
import { chatBody, routerConfigYaml, sendRequests, startRouterProcess, STREAM_CHUNKS } from './router-setup.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
/** Measured requests per step; bounded so the whole part takes about a minute. */
const REQUESTS = QUICK ? { chat: { 1: 100, 32: 320 }, stream: { 1: 40, 32: 128 } } : { chat: { 1: 400, 32: 1600 }, stream: { 1: 150, 32: 640 } };
const WARMUP = QUICK ? 30 : 100;

function percentile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** utime + stime of a process, in milliseconds (Linux /proc; NaN elsewhere). */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

async function load(baseUrl, payload, requests, concurrency) {
  const { latencies, seconds } = await sendRequests(baseUrl, payload, requests, concurrency);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rps: requests / seconds };
}

export async function runRouterBench() {
  const receiver = await startOtlpReceiver({ port: 0 });
  const backend = await startMockServer();
  const backendPort = Number(new URL(backend.url).port);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-bench-router-'));
  const configFile = path.join(dir, 'router-config.yaml');
  fs.writeFileSync(configFile, routerConfigYaml({ otlpEndpoint: `http://127.0.0.1:${receiver.port}`, backendPort }));
  const router = await startRouterProcess(configFile);
  const rows = [];
  try {
    for (const mode of ['chat', 'stream']) {
      for (const concurrency of [1, 32]) {
        const requests = REQUESTS[mode][concurrency];
        process.stderr.write(`router bench: ${mode} c=${concurrency} (${requests} requests each way) ... `);
        await load(backend.url, chatBody(mode, 'gpt-4o-mini'), WARMUP, concurrency);
        await load(`${router.url}/v1`, chatBody(mode, 'auto'), WARMUP, concurrency);
        const direct = await load(backend.url, chatBody(mode, 'gpt-4o-mini'), requests, concurrency);
        const cpuBefore = cpuMs(router.pid);
        const routed = await load(`${router.url}/v1`, chatBody(mode, 'auto'), requests, concurrency);
        const routerCpuMsPerRequest = (cpuMs(router.pid) - cpuBefore) / requests;
        rows.push({ mode, concurrency, requests, direct, routed, routerCpuMsPerRequest });
        process.stderr.write('done\n');
      }
    }
  } finally {
    await router.stop();
    backend.stop();
  }
  await receiver.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
  const lines = [
    '# Router overhead',
    '',
    `Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${new Date().toISOString()}${QUICK ? ', BENCH_QUICK (smoke run)' : ''}.`,
    'Client -> backend directly vs client -> `llm-otel router` (model "auto": keyword classification, system_prompt plugin, tracing always_on) -> backend.',
    '',
    '| mode | concurrency | requests | direct p50 ms | router p50 ms | added p50 ms | direct p99 ms | router p99 ms | added p99 ms | direct req/s | router req/s | router CPU ms/req |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      `| ${r.mode === 'stream' ? `stream (${STREAM_CHUNKS} chunks)` : 'chat'} | ${r.concurrency} | ${r.requests} | ${fmt(r.direct.p50)} | ${fmt(r.routed.p50)} | ${fmt(r.routed.p50 - r.direct.p50)} | ${fmt(r.direct.p99)} | ${fmt(r.routed.p99)} | ${fmt(r.routed.p99 - r.direct.p99)} | ${r.concurrency === 32 ? fmt(r.direct.rps, 0) : ''} | ${r.concurrency === 32 ? fmt(r.routed.rps, 0) : ''} | ${fmt(r.routerCpuMsPerRequest, 3)} |`),
    '',
    'Where the time goes: "router CPU ms/req" is the router process\'s CPU (from /proc) per request: parsing, classification,',
    'plugins, its spans and their export, and the relay; the rest of the added latency is the second HTTP hop and, at concurrency 32,',
    'queueing on the shared cores. Figures are from one run on a shared machine: compare within a row.',
    '',
  ];
  const markdown = lines.join('\n');
  fs.writeFileSync(path.join(REPO_ROOT, 'bench/router-results.md'), markdown);
  fs.writeFileSync(path.join(REPO_ROOT, 'bench/router-results.json'), JSON.stringify(rows, null, 2) + '\n');
  console.log(markdown);
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runRouterBench();
