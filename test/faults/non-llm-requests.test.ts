import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';

const CHAT_COMPLETION = JSON.stringify({
  id: 'chatcmpl-mixed', object: 'chat.completion', created: 1_700_000_000, model: 'mixed-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
});

interface Seen {
  readonly path: string;
  /** Every traceparent header line the request carried (a second one would break the trace). */
  readonly traceparents: string[];
}

/** Answers chat completions with a completion and anything else with 'ok'; at most 40 requests. */
async function startServer(): Promise<{ port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const traceparents = req.rawHeaders.flatMap((value, i, all) =>
      i % 2 === 1 && all[i - 1]!.toLowerCase() === 'traceparent' ? [value] : []);
    seen.push({ path: req.url ?? '', traceparents });
    req.resume();
    if (seen.length > 40) res.writeHead(503).end();
    else if (req.url?.endsWith('/chat/completions')) res.writeHead(200, { 'content-type': 'application/json' }).end(CHAT_COMPLETION);
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const spanIdOf = (traceparent: string) => traceparent.split('-')[2];

describe.each(['mixed-calls.mjs', 'mixed-calls.cjs'])('trace_non_llm_requests in %s', (app) => {
  let receiver: OtlpReceiver;
  let server: Awaited<ReturnType<typeof startServer>>;
  let run: AppRun;
  let spans: ReceivedSpan[];

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    server = await startServer();
    run = await runTracedApp(path.join(REPO_ROOT, 'test/faults/apps', app), {
      env: { SERVER: `http://127.0.0.1:${server.port}` },
      configYaml: [
        'observability:',
        '  tracing:',
        `    exporter: { endpoint: "http://127.0.0.1:${receiver.port}" }`,
        '    metrics: { enabled: false }',
        '    trace_non_llm_requests: true',
        '',
      ].join('\n'),
      timeoutMs: 60_000,
    });
    await receiver.waitForSpans((received) => received.length >= 4, 15_000).catch(() => undefined);
    spans = receiver.spans;
  }, 90_000);

  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it('the app runs as usual and every request carries exactly one traceparent', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.results).toEqual([{ statuses: [200, 200, 200, 200] }]);
    expect(server.seen.map((s) => s.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions', '/health?token=plain-secret-1234', '/status']);
    for (const request of server.seen) expect(request.traceparents, request.path).toHaveLength(1);
  });

  it('an LLM call gets one GenAI span, named by its traceparent, and no HTTP span beside it', () => {
    const genAi = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat');
    expect(genAi.map((s) => s.name)).toEqual(['chat mixed-model', 'chat mixed-model']);
    expect(genAi.map((s) => s.scope.name)).toEqual(['llm-otel', 'llm-otel']);
    const llmRequests = server.seen.filter((s) => s.path.endsWith('/chat/completions'));
    expect(llmRequests.map((r) => spanIdOf(r.traceparents[0]!)).sort()).toEqual(genAi.map((s) => s.spanId).sort());
    // Nothing else was made for the LLM calls: the other spans are the two plain requests.
    expect(spans).toHaveLength(4);
  });

  it('plain requests are traced by instrumentation-undici and instrumentation-http, without the query', () => {
    const plain = spans.filter((s) => s.attributes['gen_ai.operation.name'] === undefined);
    expect(plain.map((s) => s.scope.name).sort()).toEqual(['@opentelemetry/instrumentation-http', '@opentelemetry/instrumentation-undici']);
    const plainRequests = server.seen.filter((s) => !s.path.endsWith('/chat/completions'));
    expect(plainRequests.map((r) => spanIdOf(r.traceparents[0]!)).sort()).toEqual(plain.map((s) => s.spanId).sort());
    expect(JSON.stringify(plain.map((s) => [s.name, s.attributes, s.events]))).not.toContain('plain-secret-1234');
  });
});
