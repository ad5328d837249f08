import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';
import { findSecrets } from './helpers/secret-scan.js';

const APP = path.join(REPO_ROOT, 'test/faults/apps/odd-responses.mjs');

const CHAT_COMPLETION = JSON.stringify({
  id: 'chatcmpl-fault-json', object: 'chat.completion', created: 1_700_000_000, model: 'fault-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
});

interface OddServer {
  readonly port: number;
  readonly received: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

/**
 * Answers every POST with plain JSON under `content-encoding: gzip`, and every upgrade request
 * with 101, one byte on the new protocol, then the end of the socket. At most 20 requests.
 */
async function startOddServer(): Promise<OddServer> {
  const received: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    received.push(req.headers);
    req.resume();
    res.shouldKeepAlive = false;
    if (received.length > 20) res.writeHead(503).end();
    else res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(CHAT_COMPLETION);
  });
  server.on('upgrade', (req, socket) => {
    received.push(req.headers);
    socket.end('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: fault-protocol\r\n\r\n!');
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
let llmServer: OddServer;
let plainServer: OddServer;
let traced: AppRun;
let untraced: AppRun;

async function runApp(tracedRun: boolean): Promise<AppRun> {
  return runTracedApp(APP, {
    traced: tracedRun,
    env: { SERVER: `http://127.0.0.1:${llmServer.port}`, PLAIN_SERVER: `http://127.0.0.1:${plainServer.port}` },
    configYaml: [
      'observability:',
      '  tracing:',
      `    exporter: { endpoint: "http://127.0.0.1:${receiver.port}" }`,
      '    metrics: { enabled: false }',
      '    trace_non_llm_requests: true',
      '    providers:',
      `      - { host: "127.0.0.1:${llmServer.port}", provider: openai, api: openai }`,
      '',
    ].join('\n'),
    timeoutMs: 60_000,
  });
}

beforeAll(async () => {
  receiver = await startOtlpReceiver({ port: 0 });
  llmServer = await startOddServer();
  plainServer = await startOddServer();
  untraced = await runApp(false);
  traced = await runApp(true);
  await receiver.waitForSpans((spans) => spans.length >= 3, 10_000).catch(() => undefined);
}, 120_000);

afterAll(async () => {
  await llmServer?.close();
  await plainServer?.close();
  await receiver?.close();
});

const outcomes = (run: AppRun) => run.results.filter((r) => (r as { scenario?: string }).scenario);
const spansTo = (server: OddServer): ReceivedSpan[] =>
  receiver.spans.filter((s) => s.attributes['server.port'] === server.port);

describe('responses whose shape is odd but whose outcome the app knows', () => {
  it('the app sees the same outcomes traced and untraced, and tracing logs nothing', () => {
    expect(traced.code, traced.stderr).toBe(0);
    expect(traced.stderr).toBe('');
    expect(outcomes(traced)).toEqual(outcomes(untraced));
    expect(outcomes(untraced)).toEqual([
      { scenario: 'lying content-encoding', outcome: 'status 200, TypeError: terminated' },
      { scenario: 'upgrade to an LLM host', outcome: 'upgraded 101, got 1 byte' },
      { scenario: 'upgrade to another host', outcome: 'upgraded 101, got 1 byte' },
    ]);
    expect(traced.results.at(-1)).toEqual({ problems: [] });
  });

  it('a body fetch could not decode ends its span as ERROR with the error the app got', () => {
    const span = spansTo(llmServer).find((s) => s.attributes['gen_ai.operation.name'] === 'chat');
    expect(span, JSON.stringify(spansTo(llmServer).map((s) => s.name))).toBeDefined();
    // The app's TypeError('terminated') has zlib's error as its cause; error.type is its code,
    // as for any fetch failure with a coded cause (ECONNREFUSED).
    expect(span!.status).toEqual({ code: 2, message: 'terminated' });
    expect(span!.attributes['error.type']).toBe('Z_DATA_ERROR');
    expect(span!.attributes['http.response.status_code']).toBe(200);
  });

  it('a 101 upgrade through node:http is a finished request, not an error', () => {
    // instrumentation-http (trace_non_llm_requests) makes these spans; it ends an upgraded request's
    // span at the upgrade without a status code, so the upgrades are found by their GET.
    const upgrades = [...spansTo(llmServer), ...spansTo(plainServer)].filter((s) => s.name === 'GET');
    const all = [...spansTo(llmServer), ...spansTo(plainServer)].map((s) => ({ name: s.name, status: s.status, attributes: s.attributes }));
    expect(upgrades, JSON.stringify(all)).toHaveLength(2);
    for (const span of upgrades) {
      expect(span.status.code).toBe(0);
      expect(span.attributes['error.type']).toBeUndefined();
    }
  });

  it('exports no credential', () => {
    expect(findSecrets(receiver.spans)).toEqual([]);
  });
});
