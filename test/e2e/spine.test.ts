import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlmServer, type MockLlmServer } from '../../src/mock-server/mock-llm-server.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp } from '../helpers/run-traced-app.js';

const SPINE_APP = path.join(REPO_ROOT, 'test/e2e/apps/spine-app.mjs');
const CJS_APP = path.join(REPO_ROOT, 'test/e2e/apps/commonjs-app.cjs');

let receiver: OtlpReceiver;
let server: MockLlmServer;
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  receiver = await startOtlpReceiver({ port: 0 });
  server = await startMockLlmServer({ maxRequests: 5000, onRequest: (headers) => seen.push(headers) });
});

afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

/** Runs the spine app in `mode` and returns the spans it exported and the headers the server saw. */
async function run(mode: string, options: { env?: Record<string, string>; yaml?: string; script?: string; expectSpans?: number } = {}) {
  const spansBefore = receiver.spans.length;
  const headersBefore = seen.length;
  const result = await runTracedApp(options.script ?? SPINE_APP, {
    env: { MODE: mode, BASE_URL: server.url, OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`, ...options.env },
    configYaml: options.yaml,
  });
  if (options.expectSpans !== undefined && options.expectSpans > 0) {
    await receiver.waitForSpans((all) => all.length - spansBefore >= options.expectSpans!, 10_000).catch(() => undefined);
  }
  return {
    result,
    spans: receiver.spans.slice(spansBefore),
    /** Spans exported since the run started, read later (after a straggler could have arrived). */
    spansSince: () => receiver.spans.slice(spansBefore),
    headers: seen.slice(headersBefore),
  };
}

function traceparentParts(headers: http.IncomingHttpHeaders): { traceId: string; spanId: string; flags: string } {
  const [, traceId, spanId, flags] = String(headers.traceparent ?? '').split('-');
  return { traceId: traceId!, spanId: spanId!, flags: flags! };
}

describe('trace continuity', () => {
  it('makes the LLM span a child of the app span and sends its id in traceparent', async () => {
    const { result, spans, headers } = await run('parent', { expectSpans: 2 });
    expect(result.code, result.stderr).toBe(0);
    const [{ parentTraceId, parentSpanId }] = result.results as Array<{ parentTraceId: string; parentSpanId: string }>;
    const llm = spans.find((s) => s.name === 'chat gpt-4o-mini') as ReceivedSpan;
    expect(llm.traceId).toBe(parentTraceId);
    expect(llm.parentSpanId).toBe(parentSpanId);
    // A server continuing the trace from this header becomes a child of the LLM span.
    expect(traceparentParts(headers[0]!)).toEqual({ traceId: parentTraceId, spanId: llm.spanId, flags: '01' });
    expect(spans.filter((s) => s.traceId === parentTraceId)).toHaveLength(2);
  });

  it('traces a CommonJS app started with --import the same way', async () => {
    const { result, spans, headers } = await run('', { script: CJS_APP, expectSpans: 1 });
    expect(result.code, result.stderr).toBe(0);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.attributes['gen_ai.request.model']).toBe('gpt-4o-mini');
    expect(traceparentParts(headers[0]!).spanId).toBe(spans[0]!.spanId);
  });

  it('traces node:http requests, plain and streamed, with usage', async () => {
    const { result, spans } = await run('node-http', { expectSpans: 2 });
    expect(result.results).toEqual([{ plain: 200, streamed: 200, streamedEndsWithDone: true }]);
    const [plain, streamed] = [...spans].sort((a, b) => Number(a.startTimeUnixNano - b.startTimeUnixNano));
    expect(plain!.attributes).toMatchObject({ 'gen_ai.usage.output_tokens': 4, 'gen_ai.response.finish_reasons': ['stop'] });
    expect(streamed!.attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 5 });
    expect(typeof streamed!.attributes['gen_ai.response.time_to_first_chunk']).toBe('number');
  });
});

describe('sampling', () => {
  it('always_off exports nothing but still propagates an unsampled traceparent', async () => {
    const { result, spansSince, headers } = await run('many', {
      env: { COUNT: '20' },
      yaml: 'observability:\n  tracing:\n    sampling: { type: always_off }\n',
    });
    expect(result.code, result.stderr).toBe(0);
    // The child flushed on exit; give a straggling export time to arrive before asserting none did.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(spansSince()).toHaveLength(0);
    expect(headers).toHaveLength(20);
    expect(headers.every((h) => traceparentParts(h).flags === '00')).toBe(true);
  });

  it('still counts the tokens of sampled-out calls in the GenAI metrics', async () => {
    const metricsBefore = receiver.metrics.length;
    const { result } = await run('many', {
      env: { COUNT: '5' },
      yaml: 'observability:\n  tracing:\n    sampling: { type: always_off }\n    metrics: { enabled: true }\n',
    });
    expect(result.code, result.stderr).toBe(0);
    const deadline = Date.now() + 10_000;
    const usage = () =>
      receiver.metrics
        .slice(metricsBefore)
        .flatMap((m) => (m.name === 'gen_ai.client.token.usage' && m.type === 'histogram' ? m.dataPoints : []));
    while (usage().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const output = usage().filter((p) => p.attributes['gen_ai.token.type'] === 'output');
    expect(output.reduce((n, p) => n + p.count, 0)).toBe(5);
    expect(output.reduce((n, p) => n + (p.sum ?? 0), 0)).toBe(15); // max_tokens 3 -> 3 words each
  });

  it('probabilistic 0.5 keeps about half of 1,000 new traces', async () => {
    const { result, headers } = await run('many', {
      env: { COUNT: '1000' },
      yaml: 'observability:\n  tracing:\n    sampling: { type: probabilistic, rate: 0.5 }\n',
    });
    expect(result.code, result.stderr).toBe(0);
    const sampled = headers.filter((h) => traceparentParts(h).flags === '01').map((h) => traceparentParts(h).spanId);
    await receiver.waitForSpans((all) => all.filter((s) => sampled.includes(s.spanId)).length >= sampled.length, 10_000);
    const exported = receiver.spans.filter((s) => sampled.includes(s.spanId));
    // Binomial(1000, 0.5): sd ~ 15.8; 500 +/- 80 is a 5-sigma band.
    expect(sampled.length).toBeGreaterThan(420);
    expect(sampled.length).toBeLessThan(580);
    expect(exported).toHaveLength(sampled.length);
  });

  it('follows the caller: a sampled incoming trace is kept whole, an unsampled one dropped', async () => {
    const { result, spansSince } = await run('remote-parent', {
      env: { COUNT: '30' },
      yaml: 'observability:\n  tracing:\n    sampling: { type: probabilistic, rate: 0.01 }\n',
      expectSpans: 30,
    });
    expect(result.code, result.stderr).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const spans = spansSince();
    expect(spans.filter((s) => s.traceId === '1'.repeat(32))).toHaveLength(30);
    expect(spans.filter((s) => s.traceId === '2'.repeat(32))).toHaveLength(0);
  });
});

describe('content capture', () => {
  it('records no prompt or completion by default', async () => {
    const { spans } = await run('content', { expectSpans: 1 });
    expect(Object.keys(spans[0]!.attributes).filter((k) => k.includes('messages') || k.includes('instructions'))).toEqual([]);
  });

  it('records messages in the conventions JSON shape, cut to max_content_bytes and still valid JSON', async () => {
    const { spans } = await run('content', {
      yaml: 'observability:\n  tracing:\n    capture_content: true\n    max_content_bytes: 1000\n',
      expectSpans: 1,
    });
    const input = String(spans[0]!.attributes['gen_ai.input.messages']);
    expect(Buffer.byteLength(input)).toBeLessThanOrEqual(1000);
    const messages = JSON.parse(input) as Array<{ role: string; parts: Array<{ type: string; content: string }> }>;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]!.parts[0]).toEqual({ type: 'text', content: 'Be brief.' });
    expect(messages[1]!.parts[0]!.content).toMatch(/^x+…\[truncated\]$/);
    const output = JSON.parse(String(spans[0]!.attributes['gen_ai.output.messages'])) as Array<{ role: string; finish_reason: string }>;
    expect(output).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: 'the trace shows' }], finish_reason: 'stop' }]);
  });

  it('honours OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT over the YAML', async () => {
    const { spans } = await run('content', {
      env: { OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true' },
      yaml: 'observability:\n  tracing:\n    capture_content: false\n',
      expectSpans: 1,
    });
    expect(spans[0]!.attributes['gen_ai.input.messages']).toBeTypeOf('string');
  });
});

describe('a bad configuration', () => {
  it('is logged once with file, key, found and allowed; the app runs on untraced', async () => {
    const { result, spansSince, headers } = await run('', {
      yaml: 'observability:\n  tracing:\n    sampling: { type: sometimes }\n',
    });
    expect(result.code).toBe(0);
    expect(result.results).toHaveLength(1);
    const lines = result.stderr.split('\n').filter((l) => l.includes('llm-otel'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^llm-otel: invalid configuration in \/.*llm-otel\.yaml: observability\.tracing\.sampling\.type: found "sometimes"; allowed: one of always_on, always_off, probabilistic\. Tracing is off; the app runs untraced\.$/,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(spansSince()).toHaveLength(0);
    expect(headers[0]!.traceparent).toBeUndefined();
  });
});
