// `npm run bench -- --instructions [selection]`: instructions per LLM call of the app process,
// counted by valgrind's callgrind, for every configuration x SDK x mode x concurrency (or the
// cells selected). Unlike CPU time, the count does not move with the machine's load: repeated
// runs agree within about 1% (docs/benchmark.md, "Instruction counts").
//
// Per cell: the mock LLM server (its own process, not measured) and the OTLP/gRPC receiver (in
// this process) answer the app, bench/instructions/measured-app.cjs, run under
//   valgrind --tool=callgrind --instr-atstart=no node <V8 flags for repeatability> <configuration>
// One valgrind process at a time. Results are merged into bench/results-instructions.json (a
// cell measured again replaces its earlier runs) and rendered to bench/results-instructions.md.
//
// Selection and options (lists are comma-separated; default: everything):
//   --config none,undici,llm-otel,...  --sdk openai7,openai6  --mode chat,stream,embeddings
//   --concurrency 1,32  --repeat N (1)  --calls N, --warmup N (per mode: MODE_DEFAULTS)  --batch N (100)
//   --env K=V (extra app env, repeatable: ablations)  --out FILE (results JSON; another file
//   keeps ablations out of the published table)  --profile DIR (keep the window dump with
//   per-instruction costs and V8's perf map in DIR, for function-level attribution)
//   --setup NAME=FILE (an extra configuration: `node --import FILE`, e.g. an ablation of the SDK
//   setup; select it with --config NAME)  --list (print the selected cells and exit)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import readline from 'node:readline';
import { decodeTraceExport } from '../../dist/viewer/decode-trace-export.js';
import { startOtlpReceiver } from '../../dist/viewer/otlp-receiver.js';
import { CONCURRENCIES, MODES, REPO_ROOT, configurations, sdks } from '../configurations.mjs';
import { callgrindCommand, NODE_FLAGS } from './callgrind-command.mjs';
import { buildCallgrindAddon, checkInstructionTools, InstructionModeUnavailable } from './callgrind-addon.mjs';
import { readCallgrindDump } from './callgrind-dump.mjs';
import { measureRouterCell, ROUTER_CLIENT, ROUTER_CONFIGS, ROUTER_MODES } from './router-cells.mjs';
import { instructionTables } from './report.mjs';

/**
 * Calls per mode. A chat or embeddings call needs about 4,000 warm-up calls before V8 has settled
 * (1,500 left it 2.3% higher); a streamed call runs its per-chunk code 100 times per call, and at
 * four times the work per call 1,000 warm-up calls and 100 measured ones keep a cell in minutes.
 */
const MODE_DEFAULTS = { chat: { warmup: 4000, calls: 300 }, embeddings: { warmup: 4000, calls: 300 }, stream: { warmup: 1000, calls: 100 } };
const DEFAULTS = { batch: 100, repeat: 1 };
/** A cell under valgrind takes 1-10 minutes on 2 cores; this bounds a stuck one. */
const CELL_TIMEOUT_MS = 90 * 60_000;
/** Valgrind's slowed clock would let the mock server's 5 s keep-alive close idle connections. */
const KEEP_ALIVE_MS = 600_000;

function parseArgs(argv) {
  const options = { ...DEFAULTS, env: [], setups: [], out: path.join(REPO_ROOT, 'bench/results-instructions.json'), list: false };
  const lists = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--instructions') continue;
    if (arg === '--list' || arg === '--native') {
      options[arg.slice(2)] = true;
      continue;
    }
    const value = argv[i + 1];
    if (!arg.startsWith('--') || value === undefined) throw new InstructionModeUnavailable(`unexpected argument ${arg} (see bench/instructions/run.mjs)`);
    i += 1;
    const key = arg.slice(2);
    if (['config', 'sdk', 'mode', 'concurrency'].includes(key)) lists[key] = value.split(',').filter(Boolean);
    else if (['calls', 'warmup', 'batch', 'repeat'].includes(key)) options[key] = Number(value);
    else if (key === 'env') options.env.push(value);
    else if (key === 'setup') options.setups.push(value);
    else if (key === 'node-flags') options.nodeFlags = value.split(/\s+/).filter(Boolean);
    else if (key === 'out') options.out = path.resolve(value);
    else if (key === 'profile') options.profile = path.resolve(value);
    else throw new InstructionModeUnavailable(`unknown option ${arg}`);
  }
  return { options, lists };
}

/** The selected cells, in table order; unknown names are an error that lists the known ones. */
function selectCells(lists, configs, sdkList) {
  const pick = (name, known, defaults = known) => {
    const wanted = lists[name];
    if (!wanted) return defaults;
    const unknown = wanted.filter((w) => !known.includes(w));
    if (unknown.length) throw new InstructionModeUnavailable(`unknown --${name} ${unknown.join(',')}; known: ${known.join(',')}`);
    return known.filter((k) => wanted.includes(k));
  };
  const cells = [];
  for (const concurrency of pick('concurrency', CONCURRENCIES.map(String)).map(Number)) {
    for (const sdk of pick('sdk', sdkList.map((s) => s.name))) {
      for (const mode of pick('mode', MODES)) {
        for (const config of pick('config', configs.map((c) => c.name), configs.filter((c) => !c.extra).map((c) => c.name))) {
          // The router's cells are the ones of its client (ROUTER_CLIENT), in the modes it serves.
          const router = Boolean(configs.find((c) => c.name === config).router);
          if (router !== (sdk === ROUTER_CLIENT.name) || (router && !ROUTER_MODES.includes(mode))) continue;
          cells.push({ config, sdk, mode, concurrency });
        }
      }
    }
  }
  return cells;
}

async function startMockServer() {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bench/mock-server.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, BENCH_KEEP_ALIVE_MS: String(KEEP_ALIVE_MS) },
  });
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`mock server exited with ${code}`)));
  });
  return { url: JSON.parse(line).url, stop: () => child.stdin.end() };
}

/**
 * Configurations measured only when named with --config: the export pipeline over OTLP/HTTP
 * protobuf instead of gRPC, for the transport comparison in docs/benchmark.md.
 */
const EXTRA_CONFIGS = [
  { name: 'undici-otlp-http', label: 'OTel SDK + instrumentation-undici, OTLP/HTTP protobuf export', args: ['--import', path.join(REPO_ROOT, 'bench/setups/undici-otlp-http.mjs')], extra: true },
];

/**
 * An OTLP/HTTP sink (protobuf): decodes trace exports into `onSpans` and answers each export
 * with an empty ExportServiceResponse (status 200, empty protobuf message).
 */
async function startOtlpHttpSink(onSpans) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/v1/traces') onSpans(decodeTraceExport(Buffer.concat(chunks)));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

/** Same filter as bench/child-runner.mjs: none of the caller's OTel settings leak in. */
function baseEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(OTEL_|OTLP_|LLM_OTEL_|OPENINFERENCE_|TRACELOOP_|BENCH_)/.test(key)));
}

function runProcess(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), CELL_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function main() {
  const { options, lists } = parseArgs(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-bench-ic-'));
  const spansByService = new Map();
  const onSpans = (spans) => {
    for (const span of spans) {
      const service = String(span.resource['service.name']);
      if (!spansByService.has(service)) spansByService.set(service, []);
      spansByService.get(service).push({ start: BigInt(span.startTimeUnixNano), name: span.name });
    }
  };
  const httpSink = await startOtlpHttpSink(onSpans);
  const receiver = await startOtlpReceiver({
    port: 0,
    onSpans(spans) {
      onSpans(spans);
      receiver.spans.length = 0;
    },
    onMetrics() {
      receiver.metrics.length = 0;
    },
  });
  const endpoint = `http://127.0.0.1:${receiver.port}`;
  // As bench/run.mjs writes them, but metrics get an interval no run reaches: per-call recording
  // is counted, the once-per-interval metrics export is not.
  const yaml = (metrics) => ['observability:', '  tracing:', `    exporter: { endpoint: "${endpoint}" }`,
    `    metrics: { enabled: ${metrics}, interval_ms: 1000000000 }`, ''].join('\n');
  const llmOtelConfig = { tracingOnly: path.join(tmp, 'tracing-only.yaml'), withMetrics: path.join(tmp, 'with-metrics.yaml') };
  fs.writeFileSync(llmOtelConfig.tracingOnly, yaml(false));
  fs.writeFileSync(llmOtelConfig.withMetrics, yaml(true));
  const configs = [...configurations(llmOtelConfig), ...ROUTER_CONFIGS.map((c) => ({ ...c, router: true })), ...EXTRA_CONFIGS, ...options.setups.map((spec) => {
    const [name, file] = [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)];
    return { name, label: name, args: ['--import', path.resolve(file)], extra: true };
  })];
  const sdkList = [...sdks(), ROUTER_CLIENT];
  const cells = selectCells(lists, configs, sdkList);
  let server;
  try {
    if (options.list) {
      for (const cell of cells) console.log(`${cell.config} ${cell.sdk} ${cell.mode} c=${cell.concurrency}`);
      return;
    }
    const valgrind = checkInstructionTools();
    const addon = buildCallgrindAddon();
    const meta = { node: process.version, valgrind, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, nodeFlags: NODE_FLAGS.join(' ') };
    server = await startMockServer();
    const extraEnv = Object.fromEntries(options.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    let saved;
    const runId = new Date().toISOString();
    for (const [index, cell] of cells.entries()) {
      const config = configs.find((c) => c.name === cell.config);
      const sdk = sdkList.find((s) => s.name === cell.sdk);
      const calls = options.calls ?? MODE_DEFAULTS[cell.mode].calls;
      const warmup = options.warmup ?? MODE_DEFAULTS[cell.mode].warmup;
      const records = [];
      for (let repeat = 1; repeat <= options.repeat; repeat += 1) {
        const service = `ic-${cell.config}-${cell.sdk}-${cell.mode}-c${cell.concurrency}-${repeat}-${process.pid}`;
        const dumpDir = options.profile ?? tmp;
        fs.mkdirSync(dumpDir, { recursive: true });
        process.stderr.write(`[${index + 1}/${cells.length}] ${cell.config} ${sdk.label} ${cell.mode} c=${cell.concurrency}${options.repeat > 1 ? ` run ${repeat}/${options.repeat}` : ''} ... `);
        const started = Date.now();
        const measured = config.router
          ? await measureRouterCell({ cell, dir: tmp, dumpDir, endpoint, backendUrl: server.url, addon, service, warmup, calls, batch: options.batch, options })
          : await measureAppCell({ service, dumpDir, options, config, env: {
            ...baseEnv(), BENCH_SDK: sdk.module, BENCH_BASE_URL: server.url, BENCH_OTLP_ENDPOINT: endpoint, BENCH_OTLP_HTTP_ENDPOINT: httpSink.url, OTEL_SERVICE_NAME: service,
            ...config.env,
            BENCH_IC_ADDON: addon, BENCH_IC_MODE: cell.mode, BENCH_IC_CONCURRENCY: String(cell.concurrency),
            BENCH_IC_WARMUP: String(warmup), BENCH_IC_CALLS: String(calls), BENCH_IC_BATCH: String(options.batch),
            ...extraEnv,
          } });
        if (!measured) continue;
        if (!['none', 'router-untraced'].includes(config.name) && measured.batchProcessors === 0) {
          throw new Error(`${service}: no BatchSpanProcessor found under the global tracer provider; export-schedule.cjs cannot fix the export schedule`);
        }
        const dump = readCallgrindDump(measured.dumpFile);
        if (!options.profile) for (const f of fs.readdirSync(dumpDir)) if (f.startsWith(`callgrind.${service}.out`)) fs.rmSync(path.join(dumpDir, f));
        // The receiver may still be decoding the last export.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const [from, to] = measured.windowNs.map(BigInt);
        const inWindow = (spansByService.get(service) ?? []).filter((s) => s.start >= from && s.start <= to);
        spansByService.delete(service);
        const record = {
          ...cell, sdkLabel: sdk.label, repeat, runId, cpu: meta.cpu, calls, warmup, batch: options.batch,
          env: options.env.length ? options.env : undefined,
          // The mock's chunks shaped like OpenAI's (bench/mock-server.mjs); not the published cells' workload.
          mockObfuscation: process.env.BENCH_MOCK_OBFUSCATION === '1' || undefined,
          irPerCall: (dump.total - dump.compilation) / calls, compilationPerCall: dump.compilation / calls, gcPerCall: dump.gc / calls,
          windowIr: dump.total, spansPerCall: inWindow.length / calls, spanNames: [...new Set(inWindow.map((s) => s.name))].slice(0, 3),
          exports: measured.exports, seconds: (Date.now() - started) / 1000,
          dump: options.profile ? measured.dumpFile : undefined,
        };
        records.push(record);
        // Saved cell by cell: a long selection that stops keeps what it measured.
        saved = mergeResults(options.out, records, meta);
        process.stderr.write(`${Math.round(record.irPerCall).toLocaleString('en-US')} instructions per call (${Math.round(record.gcPerCall).toLocaleString('en-US')} of them GC; +${Math.round(record.compilationPerCall).toLocaleString('en-US')} compiling), ${record.spansPerCall} spans per call, ${Math.round(record.seconds)} s\n`);
      }
    }
    if (!saved) return;
    const markdown = instructionTables(saved);
    fs.writeFileSync(options.out.replace(/\.json$/, '') + '.md', markdown);
    console.log(markdown);
  } finally {
    server?.stop();
    await receiver.close();
    await httpSink.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * One app cell: bench/instructions/measured-app.cjs under callgrind with the configuration's
 * preload. Resolves with the dump's file and what the app reports (window edges, exports); with
 * --native, prints the app's output and resolves with nothing.
 */
async function measureAppCell({ service, dumpDir, options, config, env }) {
  const outFile = path.join(dumpDir, `callgrind.${service}.out`);
  const [command, ...args] = [...callgrindCommand(outFile, options), ...config.args, path.join(REPO_ROOT, 'bench/instructions/measured-app.cjs')];
  if (options.native) {
    const native = await runProcess(process.execPath, args.slice(args.indexOf(process.execPath) + 1), env);
    console.log(native.stdout, native.stderr);
    return undefined;
  }
  const result = await runProcess(command, args, env);
  const line = result.stdout.split('\n').find((l) => l.startsWith('{"measured":true'));
  if (result.code !== 0 || !line) throw new Error(`${service}: the app failed (exit ${result.code}):\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-1000)}`);
  const app = JSON.parse(line);
  return { dumpFile: `${outFile}.1`, windowNs: app.windowNs, exports: app.exports, batchProcessors: app.batchProcessors };
}

/** New runs replace earlier runs of the same cell; the file keeps the latest measurement of every cell. */
function mergeResults(file, records, meta) {
  const previous = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { records: [] };
  const cellKey = (r) => `${r.config}|${r.sdk}|${r.mode}|${r.concurrency}`;
  const replaced = new Set(records.map(cellKey));
  const merged = {
    meta: { ...previous.meta, ...meta, updated: new Date().toISOString() },
    records: [...previous.records.filter((r) => !replaced.has(cellKey(r))), ...records],
  };
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 1)}\n`);
  return merged;
}

try {
  await main();
} catch (error) {
  if (error instanceof InstructionModeUnavailable) {
    console.error(`bench --instructions: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
