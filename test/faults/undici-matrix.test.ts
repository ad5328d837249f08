import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';
import { fixedResponse, slowChatStream, startScriptedLlmServer, type ScriptedServer } from './helpers/scripted-llm-server.js';
import { findSecrets } from './helpers/secret-scan.js';

/**
 * The undici matrix: this Node (the suite runs on 22 and 24) x npm undici 6, 7, 8 loaded before
 * the first fetch x every way to call through undici. Every call must give the span its full
 * response facts whichever undici made the request and whichever dispatcher it went through.
 */
const APP = path.join(REPO_ROOT, 'test/faults/apps/undici-matrix.mjs');
const UNDICI = ['undici6', 'undici7', 'undici8'] as const;

const CHAT_COMPLETION = JSON.stringify({
  id: 'chatcmpl-fault-json', object: 'chat.completion', created: 1_700_000_000, model: 'fault-model-0613',
  choices: [{ index: 0, message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
});
const CELLS = [
  'global-fetch', 'global-fetch-stream', 'undici-fetch', 'undici-fetch-stream', 'undici-request', 'undici-client',
  'fetch-with-user-agent', 'global-dispatcher-then-fetch',
];
const behaviours = Object.fromEntries(
  CELLS.map((cell) => [cell, cell.endsWith('-stream') ? slowChatStream(3, 0) : fixedResponse(200, { 'content-type': 'application/json' }, CHAT_COMPLETION)]),
);
/** What each kind of answer puts on the span (slowChatStream's model is fault-model). */
const JSON_FACTS = {
  'gen_ai.response.model': 'fault-model-0613', 'gen_ai.response.finish_reasons': ['stop'], 'gen_ai.usage.input_tokens': 3, 'gen_ai.usage.output_tokens': 1,
};
const STREAM_FACTS = {
  'gen_ai.response.model': 'fault-model', 'gen_ai.response.finish_reasons': ['stop'], 'gen_ai.usage.input_tokens': 3, 'gen_ai.usage.output_tokens': 2,
};

/**
 * Combinations that fail without tracing too: Node's built-in fetch (undici 6 on Node 22, 7 on
 * Node 24) cannot drive an undici 8 Agent passed as its `dispatcher`.
 */
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
const FAILING_UNTRACED: Record<string, Array<{ cell: string; outcome: string }>> = {
  '22 undici8': [{ cell: 'fetch-with-user-agent', outcome: 'threw TypeError: fetch failed' }],
  '24 undici8': [{ cell: 'fetch-with-user-agent', outcome: 'threw TypeError: fetch failed' }],
};

let receiver: OtlpReceiver;
const runs = new Map<string, { server: ScriptedServer; traced: AppRun; untraced: AppRun }>();

async function runApp(undici: string, server: ScriptedServer, traced: boolean): Promise<AppRun> {
  return runTracedApp(APP, {
    traced,
    env: { UNDICI: undici, SERVER: `http://127.0.0.1:${server.port}/v1` },
    configYaml: [
      'observability:',
      '  tracing:',
      `    exporter: { endpoint: "http://127.0.0.1:${receiver.port}" }`,
      '    metrics: { enabled: false }',
      '    providers:',
      `      - { host: "127.0.0.1:${server.port}", provider: openai, api: openai }`,
      '',
    ].join('\n'),
    timeoutMs: 60_000,
  });
}

beforeAll(async () => {
  receiver = await startOtlpReceiver({ port: 0 });
  for (const undici of UNDICI) {
    const server = await startScriptedLlmServer(behaviours, { maxRequests: 40 });
    const untraced = await runApp(undici, await startScriptedLlmServer(behaviours, { maxRequests: 40 }), false);
    const traced = await runApp(undici, server, true);
    runs.set(undici, { server, traced, untraced });
  }
  await receiver.waitForSpans((spans) => spans.length >= UNDICI.length * CELLS.length, 10_000).catch(() => undefined);
}, 200_000);

afterAll(async () => {
  for (const { server } of runs.values()) await server.close();
  await receiver?.close();
});

const outcomes = (run: AppRun) => run.results.filter((r) => (r as { cell?: string }).cell);

function spanOf(server: ScriptedServer, cell: string): ReceivedSpan | undefined {
  const [, traceId, spanId] = String(server.received.find((r) => r.behaviour === cell)?.headers.traceparent ?? '').split('-');
  return receiver.spans.find((s) => s.traceId === traceId && s.spanId === spanId);
}

describe.each(UNDICI.map((u) => [u] as const))(`Node ${process.versions.node} with npm %s loaded first`, (undici) => {
  it('every call gets the same answer traced and untraced, and tracing logs nothing', () => {
    const { traced, untraced } = runs.get(undici)!;
    expect(traced.code, traced.stderr).toBe(0);
    expect(traced.stderr).toBe('');
    expect(traced.results.at(-1)).toEqual({ problems: [] });
    expect(outcomes(traced)).toEqual(outcomes(untraced));
    expect(outcomes(untraced).filter((o) => !(o as { outcome: string }).outcome.startsWith('status 200'))).toEqual(
      FAILING_UNTRACED[`${NODE_MAJOR} ${undici}`] ?? [],
    );
  });

  it.each(CELLS.map((c) => [c] as const))('%s: the span has the model, usage and finish reasons', (cell) => {
    if ((FAILING_UNTRACED[`${NODE_MAJOR} ${undici}`] ?? []).some((f) => f.cell === cell)) {
      // Not a call at all: the request never reached the server, traced or not.
      expect(runs.get(undici)!.server.received.filter((r) => r.behaviour === cell)).toEqual([]);
      return;
    }
    const span = spanOf(runs.get(undici)!.server, cell);
    expect(span, `no span for ${cell}`).toBeDefined();
    expect(span!.status.code).toBe(0);
    expect(span!.attributes['gen_ai.request.model']).toBe('fault-model');
    const want = cell.endsWith('-stream') ? STREAM_FACTS : JSON_FACTS;
    expect(Object.fromEntries(Object.keys(want).map((k) => [k, span!.attributes[k]]))).toEqual(want);
  });
});

describe('the matrix', () => {
  it('exports no credential', () => {
    expect(findSecrets(receiver.spans)).toEqual([]);
  });
});
