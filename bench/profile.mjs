// Profiles one benchmark configuration: runs bench/client-load.cjs under `node --cpu-prof` and
// prints where its CPU went: the top functions by self time, and time by code area (inclusive
// of callees for llm-otel's own code, so the cost of a hook shows whole).
// Usage: node bench/profile.mjs <config> <openai7|openai6> <chat|stream|embeddings> [concurrency] [calls] [baseline]
// With a baseline configuration (e.g. `none`), also prints per-call self-time differences by area
// and by function: where the extra CPU of <config> goes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startOtlpReceiver } from '../dist/viewer/otlp-receiver.js';
import { runChild, spanLedger, startMockServer } from './child-runner.mjs';
import { configurations, sdks } from './configurations.mjs';

const [configName = 'llm-otel', sdkName = 'openai7', mode = 'chat', concurrency = '1', calls = '5000', baselineName] = process.argv.slice(2);

/** Where a frame's code lives, for the by-area summary. */
function areaOf(url) {
  if (!url) return '(native / GC / idle)';
  if (url.includes('/work/') && url.includes('/dist/') && !url.includes('node_modules')) return 'llm-otel (dist/)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:internal/deps/undici')) return 'undici (Node bundled)';
  if (url.startsWith('node:')) return 'node core';
  return url;
}

/** Code the app runs anyway; reached through our fetch wrapper, it is not our cost. */
const APP_AREAS = new Set(['undici (Node bundled)', 'openai', 'file:///work/main/bench/client-load.cjs']);

function analyse(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  const areaSelf = new Map();
  const oursByFunction = new Map();
  let oursInclusive = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') return;
    total += dt;
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + dt);
    areaSelf.set(areaOf(url), (areaSelf.get(areaOf(url)) ?? 0) + dt);
    // Our cost: samples whose nearest llm-otel frame is reached from the leaf without passing
    // through the app's own work (undici's fetch, the openai SDK) that our fetch wrapper calls.
    const seen = new Set();
    let crossedApp = false;
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      const area = areaOf(frame.url);
      if (area !== 'llm-otel (dist/)') {
        if (seen.size === 0 && APP_AREAS.has(area)) crossedApp = true;
        continue;
      }
      if (crossedApp) break;
      const fn = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/dist\//, 'dist/')}:${frame.lineNumber + 1}`;
      if (seen.size === 0) oursInclusive += dt;
      if (!seen.has(fn)) oursByFunction.set(fn, (oursByFunction.get(fn) ?? 0) + dt);
      seen.add(fn);
    }
  });
  return { self, areaSelf, oursInclusive, oursByFunction, total };
}

const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
const ms = (micros) => (micros / 1000).toFixed(0).padStart(7);

let ledger;
const receiver = await startOtlpReceiver({ port: 0, onSpans: (spans) => ledger.onSpans(spans) });
ledger = spanLedger(receiver);
const server = await startMockServer();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-profile-'));
async function profileOne(name, configFile) {
  const config = configurations({ tracingOnly: configFile, withMetrics: configFile }).find((c) => c.name === name);
  const sdk = sdks().find((s) => s.name === sdkName);
  const plan = [{ mode, concurrency: Number(concurrency), warmup: 300, calls: Number(calls) }];
  const profileDir = fs.mkdtempSync(path.join(dir, `${name}-`));
  const { steps } = await runChild({
    config, sdk, plan, serverUrl: server.url, receiverPort: receiver.port, service: `profile-${name}`, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  });
  await ledger.take(`profile-${name}`);
  const file = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  return { config, sdk, step: steps[0], ...analyse(JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8'))) };
}

/** Per-call self-time differences (µs) between two profiles, largest first. */
function perCallDiff(a, b, callsA, callsB, n) {
  const names = new Set([...a.keys(), ...b.keys()]);
  const diff = [...names].map((name) => [name, (a.get(name) ?? 0) / callsA - (b.get(name) ?? 0) / callsB]);
  return diff.sort((x, y) => y[1] - x[1]).slice(0, n);
}

try {
  const configFile = path.join(dir, 'llm-otel.yaml');
  // PROFILE_YAML adds lines to llm-otel's tracing block, e.g. `sampling: { type: always_off }`.
  const extra = (process.env.PROFILE_YAML ?? '').split(';').filter(Boolean).map((line) => `    ${line.trim()}\n`).join('');
  fs.writeFileSync(configFile, `observability:\n  tracing:\n    exporter: { endpoint: "http://127.0.0.1:${receiver.port}" }\n    metrics: { enabled: false }\n${extra}`);
  const main = await profileOne(configName, configFile);
  const { config, sdk, step, self, areaSelf, oursInclusive, oursByFunction, total } = main;
  const profiledCalls = step.calls + 300;
  console.log(`${config.label}, ${sdk.label}, ${mode}, concurrency ${concurrency}: ${(step.cpuMicros / step.calls).toFixed(0)} µs CPU per call (whole process, ${step.calls} calls)`);
  console.log(`\nprofiled busy time ${ms(total)} ms; in llm-otel code and what it calls (not the app's own fetch work) ${ms(oursInclusive)} ms, ${(oursInclusive / profiledCalls).toFixed(0)} µs per call`);
  console.log('\nself time by area:');
  for (const [area, t] of top(areaSelf, 15)) console.log(`${ms(t)} ms  ${area}`);
  console.log('\nllm-otel functions, inclusive of what they call:');
  for (const [name, t] of top(oursByFunction, 25)) console.log(`${ms(t)} ms  ${name}`);
  console.log('\ntop functions by self time:');
  for (const [name, t] of top(self, 30)) console.log(`${ms(t)} ms  ${name}`);
  if (baselineName) {
    const base = await profileOne(baselineName, configFile);
    const baseCalls = base.step.calls + 300;
    console.log(`\nagainst ${base.config.label}: ${(base.step.cpuMicros / base.step.calls).toFixed(0)} µs CPU per call; profiled ${(total / profiledCalls).toFixed(0)} vs ${(base.total / baseCalls).toFixed(0)} µs per call`);
    console.log('\nextra self time per call by area (µs):');
    for (const [area, t] of perCallDiff(areaSelf, base.areaSelf, profiledCalls, baseCalls, 12)) console.log(`${t.toFixed(1).padStart(8)}  ${area}`);
    console.log('\nextra self time per call by function (µs):');
    for (const [name, t] of perCallDiff(self, base.self, profiledCalls, baseCalls, 30)) console.log(`${t.toFixed(1).padStart(8)}  ${name}`);
  }
} finally {
  server.stop();
  await receiver.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
