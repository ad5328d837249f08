import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';
import {
  fixedResponse, headersAfter, slowChatStream, startScriptedLlmServer, type ScriptedServer,
} from './helpers/scripted-llm-server.js';
import { findSecrets, SECRET_HEADERS } from './helpers/secret-scan.js';

const APP = path.join(REPO_ROOT, 'test/faults/apps/aborting-calls.mjs');

const CHAT_COMPLETION = JSON.stringify({
  id: 'chatcmpl-fault-json', object: 'chat.completion', created: 1_700_000_000, model: 'fault-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
});

/** Slow enough that every abort lands first; bounded so a stuck client cannot keep the server busy. */
const BEHAVIOURS = {
  'slow-headers': headersAfter(3_000, fixedResponse(200, { 'content-type': 'application/json' }, CHAT_COMPLETION)),
  'slow-stream': slowChatStream(200, 20),
  'quick-stream': slowChatStream(5, 0),
  'quick-json': fixedResponse(200, { 'content-type': 'application/json' }, CHAT_COMPLETION),
};

interface Outcome {
  scenario: string;
  outcome: string;
}

interface Final {
  resources: { before: Record<string, number>; after: Record<string, number> };
  problems: string[];
}

async function runApp(server: ScriptedServer, traced: boolean, receiver?: OtlpReceiver): Promise<AppRun> {
  return runTracedApp(APP, {
    traced,
    env: { NODE_OPTIONS: '--expose-gc', SERVER: `http://127.0.0.1:${server.port}/v1`, SECRET_HEADERS: JSON.stringify(SECRET_HEADERS) },
    configYaml: [
      'observability:',
      '  tracing:',
      `    exporter: { endpoint: "http://127.0.0.1:${receiver?.port ?? 9}" }`,
      '    metrics: { enabled: false }',
      '    providers:',
      `      - { host: "127.0.0.1:${server.port}", provider: openai, api: openai }`,
      '',
    ].join('\n'),
    timeoutMs: 60_000,
  });
}

let receiver: OtlpReceiver;
let tracedServer: ScriptedServer;
let untracedServer: ScriptedServer;
let traced: AppRun;
let untraced: AppRun;

beforeAll(async () => {
  receiver = await startOtlpReceiver({ port: 0 });
  tracedServer = await startScriptedLlmServer(BEHAVIOURS);
  untracedServer = await startScriptedLlmServer(BEHAVIOURS);
  [traced, untraced] = await Promise.all([runApp(tracedServer, true, receiver), runApp(untracedServer, false)]);
  await receiver.waitForSpans((spans) => spans.length >= tracedServer.received.length, 10_000).catch(() => undefined);
}, 90_000);

afterAll(async () => {
  await tracedServer?.close();
  await untracedServer?.close();
  await receiver?.close();
});

const outcomes = (run: AppRun) => (run.results as Array<Partial<Outcome>>).filter((r) => r.scenario !== undefined) as Outcome[];
const final = (run: AppRun) => run.results.at(-1) as Final;

/** The span of the only request a scenario made (several for the shared-signal one: the last). */
function spansOf(scenario: string): ReceivedSpan[] {
  return tracedServer.received
    .filter((r) => r.headers['x-scenario'] === scenario)
    .map((r) => {
      const [, traceId, spanId] = String(r.headers.traceparent ?? '').split('-');
      return receiver.spans.find((s) => s.traceId === traceId && s.spanId === spanId)!;
    });
}

/** What each span must say: the HTTP status if headers arrived, the error if the call was cut. */
const EXPECTED_SPANS: Readonly<Record<string, { status?: number; errorType?: string; complete?: boolean; calls?: number }>> = {
  'fetch: abort before headers': { errorType: 'AbortError' },
  'fetch: AbortSignal.timeout before headers': { errorType: 'TimeoutError' },
  'fetch: abort after the first chunk': { status: 200, errorType: 'AbortError' },
  'fetch: break out of for-await after the first chunk': { status: 200, errorType: 'AbortError' },
  'fetch: reader.cancel() after the first chunk': { status: 200, errorType: 'AbortError' },
  'fetch: abort after the end': { status: 200, complete: true },
  'fetch: one signal for 20 calls': { status: 200, complete: true, calls: 20 },
  'node:http: req.destroy() before headers': { errorType: 'ECONNRESET' },
  'node:http: req.destroy() after the first chunk': { status: 200, errorType: 'ECONNRESET' },
  'node:http: res.destroy() after the first chunk': { status: 200, errorType: 'AbortError' },
  'node:http: req.destroy() after the end': { status: 200, complete: true },
  'openai: break out of a stream after the first chunk': { status: 200, errorType: 'AbortError' },
  'openai: abort signal after the first chunk': { status: 200, errorType: 'AbortError' },
};

/** stdio pipes to the test runner come and go with pending writes; they are not the app's or ours. */
const STDIO = new Set(['PipeWrap', 'TTYWrap']);
const withoutStdio = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([kind]) => !STDIO.has(kind)));

describe('an app that aborts its LLM calls', () => {
  it('runs every scenario, traced and untraced, with no exception reaching the app', () => {
    expect(traced.code, traced.stderr).toBe(0);
    expect(untraced.code, untraced.stderr).toBe(0);
    expect(final(traced).problems).toEqual([]);
    expect(traced.stderr).toBe('');
    expect(outcomes(traced).map((o) => o.scenario)).toEqual(Object.keys(EXPECTED_SPANS));
  });

  it('sees exactly what it sees without tracing', () => {
    expect(outcomes(traced)).toEqual(outcomes(untraced));
    expect(outcomes(traced).find((o) => o.scenario === 'fetch: one signal for 20 calls')?.outcome).toBe('abort listeners left on the signal: 0');
  });

  it.each(Object.entries(EXPECTED_SPANS))('%s: the span records what happened', (scenario, want) => {
    const spans = spansOf(scenario);
    expect(spans).toHaveLength(want.calls ?? 1);
    for (const span of spans) {
      expect(span, `no span for ${scenario}`).toBeDefined();
      const a = span.attributes;
      expect({
        status: a['http.response.status_code'],
        errorType: a['error.type'],
        statusCode: span.status.code,
        finishReasons: a['gen_ai.response.finish_reasons'],
        outputTokens: a['gen_ai.usage.output_tokens'],
      }).toEqual({
        status: want.status,
        errorType: want.errorType,
        statusCode: want.errorType ? 2 : 0,
        // Only a stream read to its end carries the finish reason and usage; a cut one keeps what came first.
        finishReasons: want.complete ? ['stop'] : undefined,
        outputTokens: want.complete ? (scenario.includes('20 calls') ? 1 : 4) : undefined,
      });
      if (want.status !== undefined) expect(a['gen_ai.response.model']).toBe('fault-model');
    }
  });

  it('leaves no timer, socket or handle behind (active resources before and after the scenarios)', () => {
    const { before, after } = final(traced).resources;
    expect(withoutStdio(after)).toEqual(withoutStdio(before));
    expect(withoutStdio(final(untraced).resources.after)).toEqual(withoutStdio(final(untraced).resources.before));
  });

  it('exports no credential', () => {
    expect(receiver.spans.length).toBe(tracedServer.received.length);
    expect(findSecrets(receiver.spans)).toEqual([]);
  });
});
