import { createHash } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';
import { findSecrets } from './helpers/secret-scan.js';

const APP = path.join(REPO_ROOT, 'test/faults/apps/streamed-request-bodies.mjs');

const CHAT_COMPLETION = JSON.stringify({
  id: 'chatcmpl-fault-json', object: 'chat.completion', created: 1_700_000_000, model: 'fault-model-0613',
  choices: [{ index: 0, message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
});

interface Received {
  scenario: string;
  traceparent?: string;
  sha256: string;
  bytes: number;
}

/**
 * `/v1/answer/...` answers once the whole body is in; `/v1/answer-early/...` sends its headers as
 * soon as the first body bytes arrive and ends the answer when the body ends. Each body is
 * hashed as it arrives, never kept. At most 20 requests.
 */
async function startServer(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  let requests = 0;
  const server = http.createServer((req, res) => {
    res.shouldKeepAlive = false;
    if (++requests > 20) return void res.writeHead(503).end();
    const hash = createHash('sha256');
    let bytes = 0;
    const early = req.url?.startsWith('/v1/answer-early/') ?? false;
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
      if (early && !res.headersSent) res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
    });
    req.on('end', () => {
      received.push({ scenario: String(req.headers['x-scenario']), traceparent: req.headers.traceparent as string | undefined, sha256: hash.digest('hex'), bytes });
      if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/json' });
      res.end(CHAT_COMPLETION);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let receiver: OtlpReceiver;
let tracedServer: Awaited<ReturnType<typeof startServer>>;
let untracedServer: Awaited<ReturnType<typeof startServer>>;
let traced: AppRun;
let untraced: AppRun;

async function runApp(server: { port: number }, tracedRun: boolean): Promise<AppRun> {
  return runTracedApp(APP, {
    traced: tracedRun,
    env: { SERVER: `http://127.0.0.1:${server.port}/v1` },
    configYaml: [
      'observability:',
      '  tracing:',
      `    exporter: { endpoint: "http://127.0.0.1:${receiver.port}" }`,
      '    metrics: { enabled: false }',
      '    providers:',
      `      - { host: "127.0.0.1:${server.port}", provider: openai, api: openai }`,
      '',
    ].join('\n'),
    timeoutMs: 90_000,
  });
}

beforeAll(async () => {
  receiver = await startOtlpReceiver({ port: 0 });
  tracedServer = await startServer();
  untracedServer = await startServer();
  untraced = await runApp(untracedServer, false);
  traced = await runApp(tracedServer, true);
  await receiver.waitForSpans((spans) => spans.length >= 3, 10_000).catch(() => undefined);
}, 200_000);

afterAll(async () => {
  await tracedServer?.close();
  await untracedServer?.close();
  await receiver?.close();
});

interface Result {
  scenario: string;
  outcome: string;
  elapsedMs?: number;
  memoryGrowth?: number;
  sha256?: string;
}
const resultsOf = (run: AppRun) => run.results.filter((r): r is Result => typeof (r as Result).scenario === 'string');
const resultOf = (run: AppRun, scenario: string) => resultsOf(run).find((r) => r.scenario === scenario);
const SCENARIOS = ['small stream', '50 MB generated', 'ends after the response'];

function spanOf(scenario: string): ReceivedSpan | undefined {
  const [, traceId, spanId] = String(tracedServer.received.find((r) => r.scenario === scenario)?.traceparent ?? '').split('-');
  return receiver.spans.find((s) => s.traceId === traceId && s.spanId === spanId);
}

describe('request bodies that are streams', () => {
  it('every call completes as it does untraced, and tracing logs nothing', () => {
    const mib = (bytes?: number) => `${((bytes ?? 0) / 2 ** 20).toFixed(1)} MiB`;
    for (const scenario of SCENARIOS) {
      const [t, u] = [resultOf(traced, scenario), resultOf(untraced, scenario)];
      console.log(`${scenario}: untraced ${u?.elapsedMs} ms, +${mib(u?.memoryGrowth)}; traced ${t?.elapsedMs} ms, +${mib(t?.memoryGrowth)}`);
    }
    expect(traced.code, traced.stderr).toBe(0);
    expect(traced.stderr).toBe('');
    expect(traced.results.at(-1)).toEqual({ problems: [] });
    const outcomes = (run: AppRun) => resultsOf(run).map((r) => [r.scenario, r.outcome]);
    expect(outcomes(untraced)).toEqual(SCENARIOS.map((s) => [s, 'status 200, chat.completion stop']));
    expect(outcomes(traced)).toEqual(outcomes(untraced));
  });

  it('the server gets every body byte for byte, the 50 MB one included', () => {
    for (const server of [tracedServer, untracedServer]) {
      expect(server.received.map((r) => r.scenario).sort()).toEqual([...SCENARIOS].sort());
    }
    const big = (server: typeof tracedServer) => server.received.find((r) => r.scenario === '50 MB generated')!;
    expect(big(tracedServer).sha256).toBe(resultOf(traced, '50 MB generated')!.sha256);
    expect(big(tracedServer).bytes).toBeGreaterThanOrEqual(50 * 1024 * 1024 - 65_536);
    for (const scenario of ['small stream', 'ends after the response']) {
      const sent = (server: typeof tracedServer) => server.received.find((r) => r.scenario === scenario)!.sha256;
      expect(sent(tracedServer)).toBe(sent(untracedServer));
    }
  });

  it('a 50 MB body is not held: the traced app grows by less than half the body over the untraced one', () => {
    const growth = (run: AppRun) => resultOf(run, '50 MB generated')!.memoryGrowth!;
    expect(growth(traced)).toBeLessThan(growth(untraced) + 25 * 1024 * 1024);
    // Bounded, not a timing assertion: a held or twice-read body took seconds longer.
    expect(resultOf(traced, '50 MB generated')!.elapsedMs).toBeLessThan(resultOf(untraced, '50 MB generated')!.elapsedMs! * 3 + 3_000);
  });

  it.each(SCENARIOS.map((s) => [s] as const))('%s: the span has the model and parameters from the body\'s first bytes, and the response', (scenario) => {
    const span = spanOf(scenario);
    expect(span, `no span for ${scenario}`).toBeDefined();
    expect(span!.name).toBe('chat fault-model');
    expect(span!.status.code).toBe(0);
    expect(span!.attributes).toMatchObject({
      'gen_ai.request.model': 'fault-model',
      'gen_ai.request.temperature': 0.5,
      'gen_ai.request.max_tokens': 7,
      'gen_ai.response.model': 'fault-model-0613',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 3,
      'gen_ai.usage.output_tokens': 1,
    });
  });

  it('exports no credential and, with content capture off, no prompt text', () => {
    expect(findSecrets(receiver.spans)).toEqual([]);
    const exported = JSON.stringify(receiver.spans, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    for (const text of ['streamed prompt words', 'hello there', 'first part']) expect(exported).not.toContain(text);
  });
});
