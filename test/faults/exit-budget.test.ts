/**
 * Issue 11.4: a collector that accepts connections and never answers must not hold the process
 * after the app is done. Before the exit budget, every `beforeExit` flush sent one batch and waited
 * for the exporter's timeout (10 s): 1 call -> 10 s, 1,200 calls -> 29 s after the app's last line.
 * Now exit takes at most the budget (default 2 s) plus teardown, and one line counts what was not sent.
 * With a working collector and 1,200 calls (exports in flight while the app runs), every span still
 * arrives before the process ends: any exit shortcut must keep that.
 * With exports already in flight while the app ran (1,200 and 2,500 calls, a black hole), exit took
 * 17-47 s (measured 2026-12-02, Node 24: grpc 1,200 17.0 s, http/protobuf 1,200 25.9 s, grpc 2,500
 * 47.0 s): the batch processor's ref'd export timer, the HTTP agent's sockets and grpc-js's
 * callRefTimer and session held the event loop, so `beforeExit` came late. Exports now run on an
 * unref'd worker thread (src/sdk/off-thread-span-exporter.ts), and these cases exit within the budget.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';
import { blackHoleCollector, type FaultyCollector } from './helpers/faulty-collectors.js';
import { startRawOtlpCollector } from './helpers/raw-otlp-collector.js';

const MANY_CALLS_APP = path.join(REPO_ROOT, 'test/faults/apps/many-llm-calls.mjs');
const SIGTERM_APP = path.join(REPO_ROOT, 'test/faults/apps/calls-then-sigterm.mjs');
const DEFAULT_BUDGET_MS = 2000;
/** The process's own teardown and a loaded machine's scheduling, on top of the budget. */
const TEARDOWN_MS = 1500;
const UNSENT_LINE = /^llm-otel: exit budget of (\d+) ms used up; (\d+) span\(s\) not sent \(collector slow or unreachable\)$/m;

let collector: FaultyCollector;
beforeAll(async () => {
  collector = await blackHoleCollector();
});
afterAll(async () => {
  await collector.close();
});

/** The exporter's own timeout stays at its default (10 s): only the budget may shorten exit. */
function config(extra = '', protocol = 'grpc', endpoint = collector.endpoint): string {
  return ['observability:', '  tracing:', `    exporter: { endpoint: "${endpoint}", protocol: "${protocol}" }`, '    metrics: { enabled: false }', extra, ''].join('\n');
}

async function exitDelay(run: AppRun, closedAt: number): Promise<number> {
  const done = (run.results as Array<{ phase: string; at?: number }>).find((r) => r.phase === 'done');
  if (!done) throw new Error(`app did not finish (code ${run.code}):\n${run.stderr.slice(0, 4000)}`);
  return closedAt - done.at!;
}

describe('exit with a black-holed collector', () => {
  it.each([1, 40])('after the natural end of an app that made %i calls: within the default budget, unsent spans counted', async (calls) => {
    const run = await runTracedApp(MANY_CALLS_APP, { env: { CALLS: String(calls), WARMUP: '0' }, configYaml: config(), timeoutMs: 120_000 });
    const delay = await exitDelay(run, Date.now());
    expect(run.code, run.stderr).toBe(0);
    expect(delay, `exit took ${delay} ms after the app's last line`).toBeLessThanOrEqual(DEFAULT_BUDGET_MS + TEARDOWN_MS);
    const line = UNSENT_LINE.exec(run.stderr);
    expect(line, run.stderr).not.toBeNull();
    expect(Number(line![1])).toBe(DEFAULT_BUDGET_MS);
    // Nothing reached a collector that never answers: every span of every call is unsent.
    expect(Number(line![2])).toBe(calls);
    expect(run.stderr.match(new RegExp(UNSENT_LINE.source, 'gm'))).toHaveLength(1);
  }, 180_000);

  // Enough calls that batches are already being exported (and hang) while the app still runs:
  // 1,200 spans are three batches of 512, 2,500 overflow the 2,048-span queue.
  it.each([
    ['grpc', 1200],
    ['http/protobuf', 1200],
    ['grpc', 2500],
  ])('%s, %i calls with exports in flight while the app ran: within the default budget of the untraced exit, unsent spans counted', async (protocol, calls) => {
    const env = { CALLS: String(calls), WARMUP: '0' };
    const untraced = await runTracedApp(MANY_CALLS_APP, { env, traced: false, timeoutMs: 60_000 });
    const untracedDelay = await exitDelay(untraced, Date.now());
    // Without the budget this took 20-60 s; the bound keeps a regression from stalling the suite.
    const run = await runTracedApp(MANY_CALLS_APP, { env, configYaml: config('', protocol), timeoutMs: 90_000 });
    const delay = await exitDelay(run, Date.now());
    expect(run.code, run.stderr).toBe(0);
    expect(delay, `exit took ${delay} ms after the app's last line (untraced: ${untracedDelay} ms)`).toBeLessThanOrEqual(untracedDelay + DEFAULT_BUDGET_MS + TEARDOWN_MS);
    const line = UNSENT_LINE.exec(run.stderr);
    expect(line, run.stderr).not.toBeNull();
    // Every span ended and none was answered: all are counted, dropped ones included.
    expect(Number(line![2])).toBe(calls);
    expect(run.stderr.match(new RegExp(UNSENT_LINE.source, 'gm'))).toHaveLength(1);
  }, 240_000);

  it('LLM_OTEL_EXIT_BUDGET_MS over the file: exit_budget_ms', async () => {
    const run = await runTracedApp(MANY_CALLS_APP, {
      env: { CALLS: '1', WARMUP: '0', LLM_OTEL_EXIT_BUDGET_MS: '300' },
      configYaml: config('    exit_budget_ms: 5000'),
      timeoutMs: 60_000,
    });
    const delay = await exitDelay(run, Date.now());
    expect(delay).toBeLessThanOrEqual(300 + TEARDOWN_MS);
    expect(UNSENT_LINE.exec(run.stderr)?.[1], run.stderr).toBe('300');
  }, 120_000);

  it('on SIGTERM, when the app has no handler: within the budget, then the signal ends the process', async () => {
    const run = await runTracedApp(SIGTERM_APP, { env: { CALLS: '3' }, configYaml: config(), timeoutMs: 60_000 });
    const delay = await exitDelay(run, Date.now());
    expect(run.signal, run.stderr).toBe('SIGTERM');
    expect(delay).toBeLessThanOrEqual(DEFAULT_BUDGET_MS + TEARDOWN_MS);
    expect(UNSENT_LINE.exec(run.stderr)?.[2], run.stderr).toBe('3');
  }, 120_000);
});

describe('exit with a working collector', () => {
  it('1,200 calls: every span arrives before the process ends', async () => {
    const working = await startRawOtlpCollector();
    try {
      const run = await runTracedApp(MANY_CALLS_APP, { env: { CALLS: '1200', WARMUP: '0' }, configYaml: config('', 'grpc', working.endpoint), timeoutMs: 120_000 });
      expect(run.code, run.stderr).toBe(0);
      // Counted once the child has exited: nothing may arrive later than its exit.
      expect(working.spans()).toHaveLength(1200);
      expect(UNSENT_LINE.exec(run.stderr)).toBeNull();
    } finally {
      await working.close();
    }
  }, 180_000);
});
