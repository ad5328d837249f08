// The router's cells of the instruction count: instructions per request of the `llm-otel router`
// process, traced (the default) and with tracing off, for plain and streamed chat completions at
// concurrency 1 and 32. The router runs under callgrind (measured-router.mjs loaded into it, driven
// over stdin); the client is the benchmark's own process (plain fetch, native, not measured) and
// the backend the mock server. Same V8 flags, warm-up and export schedule as the app cells.
import fs from 'node:fs';
import path from 'node:path';

import { chatBody, routerConfigYaml, sendRequests, startRouterProcess } from '../router-setup.mjs';
import { REPO_ROOT } from '../configurations.mjs';
import { callgrindCommand } from './callgrind-command.mjs';

export const ROUTER_CONFIGS = [
  { name: 'router-untraced', label: 'llm-otel router, tracing off', tracing: false },
  { name: 'router', label: 'llm-otel router, traced (the default)', tracing: true },
];
export const ROUTER_MODES = ['chat', 'stream'];
/** The client of the router cells, in place of an SDK. */
export const ROUTER_CLIENT = { name: 'fetch', label: 'fetch client' };

/**
 * One router cell under callgrind. `dir` takes its configuration file and `dumpDir` the dump (as
 * for the app cells); `endpoint` is the OTLP/gRPC receiver, `backendUrl` the mock
 * server, `service` the router's service name (its spans are told apart by it); `options` carries
 * profile and nodeFlags as for the app cells. Resolves with the dump's file and the window's edges
 * and export counts, as measured-router.mjs reports them; with --native, prints the router's
 * output and resolves with nothing.
 */
export async function measureRouterCell({ cell, dir, dumpDir, endpoint, backendUrl, addon, service, warmup, calls, batch, options }) {
  const configFile = path.join(dir, `${service}.yaml`);
  fs.writeFileSync(configFile, routerConfigYaml({
    otlpEndpoint: endpoint, backendPort: Number(new URL(backendUrl).port), serviceName: service,
    tracing: ROUTER_CONFIGS.find((c) => c.name === cell.config).tracing,
    // Per-request recording is counted, the once-per-interval metrics export is not.
    metricsIntervalMs: 1_000_000_000,
  }));
  const outFile = path.join(dumpDir, `callgrind.${service}.out`);
  const measured = [...callgrindCommand(outFile, options), '--import', path.join(REPO_ROOT, 'bench/instructions/measured-router.mjs')];
  // --native: the router without valgrind, its stdout (V8 traces of --node-flags) printed, the
  // window marked as in measured-app.cjs.
  const [command, ...prefix] = options.native ? measured.slice(measured.indexOf(process.execPath)) : measured;
  const printed = [];
  const waiting = [];
  const router = await startRouterProcess(configFile, {
    command, prefix, env: { ...process.env, BENCH_IC_ADDON: addon, BENCH_IC_BATCH: String(batch) }, quiet: true,
    onLine(line) {
      if (options.native) printed.push(line.startsWith('{"bench":"started"') ? '-- measured window --' : line);
      if (!line.startsWith('{"bench"')) return;
      const reply = JSON.parse(line);
      const next = waiting.shift();
      if (reply.bench === 'error') next?.reject(new Error(`measured-router.mjs: ${reply.message}\n${router.stderrTail()}`));
      else next?.resolve(reply);
    },
  });
  const ask = (command) => new Promise((resolve, reject) => {
    waiting.push({ resolve, reject });
    router.child.stdin.write(`${command}\n`);
  });
  const nowNs = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
  try {
    const payload = chatBody(cell.mode, 'auto');
    const base = `${router.url}/v1`;
    await sendRequests(base, payload, warmup, cell.concurrency);
    await ask('settle');
    const windowStart = nowNs();
    await ask('start');
    await sendRequests(base, payload, calls, cell.concurrency);
    const stopped = await ask('stop');
    const windowEnd = nowNs();
    if (options.native) {
      console.log(printed.join('\n'));
      return undefined;
    }
    return { dumpFile: `${outFile}.1`, windowNs: [windowStart, windowEnd], exports: stopped.exports, batchProcessors: stopped.batchProcessors };
  } finally {
    await router.stop();
  }
}
