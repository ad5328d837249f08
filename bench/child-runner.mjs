// Child processes of the benchmark: the mock server, and one traced (or untraced) client run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { REPO_ROOT } from './configurations.mjs';

const CHILD_TIMEOUT_MS = 5 * 60_000;

/** A clean environment: nothing of the caller's OTel or llm-otel settings leaks into a run. */
function baseEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(OTEL_|OTLP_|LLM_OTEL_|OPENINFERENCE_|TRACELOOP_)/.test(key)));
}

/** The mock LLM server in its own process (its CPU is not the client's). */
export async function startMockServer() {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bench/mock-server.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`mock server exited with ${code}`)));
  });
  return { url: JSON.parse(line).url, stop: () => child.stdin.end() };
}

/** Spans received, by service name (each child run has its own). */
export function spanLedger(receiver) {
  const byService = new Map();
  let lastArrival = Date.now();
  return {
    onSpans(spans) {
      lastArrival = Date.now();
      for (const span of spans) {
        const service = String(span.resource['service.name']);
        if (!byService.has(service)) byService.set(service, []);
        byService.get(service).push({ start: span.startTimeUnixNano, name: span.name });
      }
      receiver.spans.length = 0;
    },
    /** Waits until spans stop arriving, then hands over (and forgets) this service's spans. */
    async take(service) {
      const deadline = Date.now() + 10_000;
      while (Date.now() - lastArrival < 500 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const spans = byService.get(service) ?? [];
      byService.delete(service);
      return spans;
    },
  };
}

/**
 * Runs bench/client-load.cjs under one configuration and SDK; resolves with its per-step reports.
 * `nodeArgs` go before the configuration's own (e.g. `--cpu-prof`).
 */
export function runChild({ config, sdk, plan, serverUrl, receiverPort, service, nodeArgs = [], cwd = REPO_ROOT }) {
  const env = {
    ...baseEnv(),
    BENCH_SDK: sdk.module,
    BENCH_BASE_URL: serverUrl,
    BENCH_PLAN: JSON.stringify(plan),
    BENCH_OTLP_ENDPOINT: `http://127.0.0.1:${receiverPort}`,
    OTEL_SERVICE_NAME: service,
    ...config.env,
  };
  const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, ...config.args, path.join(REPO_ROOT, 'bench/client-load.cjs')], {
    env, cwd, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      const steps = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      if (code !== 0 || !steps.some((s) => s.done)) reject(new Error(`${service} failed (exit ${code}):\n${stderr.slice(0, 2000)}`));
      else resolve({ steps: steps.filter((s) => !s.done), stderr });
    });
  });
}

