import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlmServer, type MockLlmServer } from '../../src/mock-server/mock-llm-server.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp } from '../helpers/run-traced-app.js';

/**
 * An app's own NodeSDK with llm-otel: `instrumentations: [llmOtel()]` alone, and beside
 * `--import llm-otel/register` with the app's SDK started before register or after it; each with
 * and without auto-instrumentations-node. What reaches the app's exporter and the LLM server.
 */
const APPS = path.join(REPO_ROOT, 'test', 'e2e', 'apps');
const SETUP = path.join(APPS, 'own-sdk-setup.mjs');

let receiver: OtlpReceiver;
let server: MockLlmServer;
const traceparents: string[][] = [];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  server = await startMockLlmServer({
    maxRequests: 50,
    onRequest: (headers) => {
      const value = headers.traceparent;
      traceparents.push(value === undefined ? [] : String(value).split(',').map((v) => v.trim()));
    },
  });
});

afterAll(async () => {
  await server.close();
  await receiver.close();
});

const VARIANTS = [
  { name: 'own NodeSDK with llmOtel(), no register', traced: false, preload: false },
  { name: 'register, then the app starts its NodeSDK', traced: true, preload: false },
  { name: 'the app NodeSDK first (--import), then register', traced: true, preload: true },
] as const;

describe.each(VARIANTS)('$name', ({ traced, preload }) => {
  describe.each([false, true])('auto-instrumentations-node: %s', (auto) => {
    it('sends one GenAI span with its model, the manual spans, one traceparent, the app service name, no duplicate registration', async () => {
      const spansBefore = receiver.spans.length;
      const requestsBefore = traceparents.length;
      const run = await runTracedApp(path.join(APPS, 'own-sdk-app.mjs'), {
        traced,
        timeoutMs: 60_000,
        env: {
          LLM_BASE_URL: server.url,
          OWN_SDK_AUTO: auto ? '1' : '0',
          NODE_OPTIONS: preload ? `--import ${SETUP}` : undefined,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`,
          OTEL_METRICS_EXPORTER: 'none',
          OTEL_LOGS_EXPORTER: 'none',
        },
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.results).toEqual([{ outputTokens: 3 }]);
      expect(run.stderr).not.toMatch(/duplicate registration/i);
      await receiver.waitForSpans((all) => all.slice(spansBefore).some((s) => s.name === 'support-chat'), 15_000).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const root = receiver.spans.slice(spansBefore).find((s) => s.name === 'support-chat');
      expect(root, 'the manual trace() span').toBeDefined();
      const spans = receiver.spans.slice(spansBefore).filter((s) => s.traceId === root!.traceId);
      const genAi = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat');
      expect(genAi.map((s) => s.name)).toEqual(['chat gpt-4o-mini']);
      expect(genAi[0]!.attributes['gen_ai.request.model']).toBe('gpt-4o-mini');
      expect(genAi[0]!.attributes['user.id']).toBe('user-own-sdk');
      const agent = spans.find((s) => s.name === 'invoke_agent support-agent');
      expect(agent?.parentSpanId).toBe(root!.spanId);
      expect(genAi[0]!.parentSpanId).toBe(agent!.spanId);
      for (const span of spans) expect(span.resource['service.name'], span.name).toBe('my-app');

      const sent = traceparents.slice(requestsBefore);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toHaveLength(1);
      const [, traceId, spanId] = sent[0]![0]!.split('-');
      expect(traceId).toBe(root!.traceId);
      // The header names the innermost span of the call: the app's HTTP span when its undici
      // instrumentation made one (then a child of the GenAI span), else the GenAI span.
      const named = spans.find((s) => s.spanId === spanId);
      expect(named, 'the span the traceparent names').toBeDefined();
      if (named !== genAi[0]) expect(named!.parentSpanId).toBe(genAi[0]!.spanId);
      if (auto) expect(spans.some((s) => s.parentSpanId === genAi[0]!.spanId), 'the HTTP span under the GenAI span').toBe(true);
    }, 90_000);
  });
});

describe('README', () => {
  it('shows the own-SDK snippet this test runs, as written', () => {
    const setup = fs.readFileSync(SETUP, 'utf8');
    const snippet = setup.slice(setup.indexOf('// README snippet start\n') + 24, setup.indexOf('// README snippet end'));
    expect(fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')).toContain(snippet.trim());
  });
});
