// What both router benchmarks share (the wall-clock one, bench/router.mjs, and the instruction
// count, bench/instructions/router-cells.mjs): the router's configuration, its process, and the
// client's requests. The router classifies each request (`model: "auto"`, one keyword rule, a
// system_prompt plugin), so the figures include the work a routing router does; the cache is off,
// since a hit would skip the backend and measure nothing but the cache.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

import { REPO_ROOT } from './configurations.mjs';

export const STREAM_CHUNKS = 100;

/**
 * The router's YAML. `tracing: false` switches tracing off (the baseline of the tracing cost);
 * `metricsIntervalMs` pushes the metrics export out of a measured window.
 */
export function routerConfigYaml({ otlpEndpoint, backendPort, serviceName = 'bench-router', tracing = true, metricsIntervalMs }) {
  const metrics = metricsIntervalMs === undefined ? '' : `    metrics: { interval_ms: ${metricsIntervalMs} }\n`;
  return `observability:
  tracing:
    enabled: ${tracing}
    exporter: { endpoint: "${otlpEndpoint}" }
    resource: { service_name: ${serviceName} }
${metrics}vllm_endpoints:
  - { name: mock, address: 127.0.0.1, port: ${backendPort} }
model_config:
  gpt-4o-mini: { preferred_endpoints: [mock] }
default_model: gpt-4o-mini
keyword_rules:
  - { name: code, operator: OR, keywords: ["\\\\bfunction\\\\b"] }
decisions:
  - name: code
    priority: 1
    rules: { conditions: [{ type: keyword, name: code }] }
    modelRefs: [{ model: gpt-4o-mini }]
    plugins: [{ type: system_prompt, configuration: { system_prompt: "You write code." } }]
`;
}

/**
 * `llm-otel router` in its own process, on a free port. `command` and `prefix` put something in
 * front of `dist/cli/main.js` (valgrind and node flags); stdout lines after the listening line go
 * to `onLine`. `quiet` keeps stderr (valgrind's banner) off the terminal; its end is in
 * `stderrTail()` and in the error when the router does not start.
 */
export async function startRouterProcess(configFile, { command = process.execPath, prefix = [], env = process.env, onLine, quiet = false } = {}) {
  const child = spawn(command, [...prefix, path.join(REPO_ROOT, 'dist/cli/main.js'), 'router', '--config', configFile, '--port', '0'], {
    stdio: ['pipe', 'pipe', quiet ? 'pipe' : 'inherit'],
    env: Object.fromEntries(Object.entries(env).filter(([key]) => !/^(OTEL_|OTLP_|LLM_OTEL_)/.test(key))),
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-3000)));
  const lines = readline.createInterface({ input: child.stdout });
  // Node flags such as --trace-opt may write to stdout before the router's one line.
  const url = await new Promise((resolve, reject) => {
    const listening = (line) => {
      const match = /listening on (\S+)/.exec(line);
      if (!match) return;
      lines.off('line', listening);
      if (onLine) lines.on('line', onLine);
      resolve(match[1]);
    };
    lines.on('line', listening);
    child.once('exit', (code) => reject(new Error(`router exited with ${code}${stderr ? `:\n${stderr}` : ''}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { url, pid: child.pid, child, stderrTail: () => stderr, stop: async () => { child.kill('SIGTERM'); await exited; } };
}

/** A chat completion request body, plain or streamed (STREAM_CHUNKS content chunks). */
export function chatBody(mode, model) {
  const params = { model, messages: [{ role: 'user', content: 'Write a function that adds two numbers' }], max_tokens: mode === 'stream' ? STREAM_CHUNKS : 8 };
  return JSON.stringify(mode === 'stream' ? { ...params, stream: true, stream_options: { include_usage: true } } : params);
}

/** One request, read to the end; its latency in milliseconds. */
async function call(baseUrl, payload) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
  return performance.now() - started;
}

/** `requests` requests, `concurrency` at a time; the sorted latencies and the seconds it took. */
export async function sendRequests(baseUrl, payload, requests, concurrency) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) {
      next += 1;
      latencies.push(await call(baseUrl, payload));
    }
  }));
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}
