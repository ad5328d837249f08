import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runTracedApp } from '../helpers/run-traced-app.js';
import { localOpenAiConfigYaml } from '../helpers/local-openai-config.js';
import { startRawOtlpCollector, type RawOtlpCollector } from '../faults/helpers/raw-otlp-collector.js';

/**
 * Register does not import node:http2 (a quarter of its start-up): it wraps `http2.connect` when
 * the app first loads the module. Both ways an app loads it, ESM import and CommonJS require,
 * must still give the call its span and put that span's id in the `traceparent` on the wire.
 */
const APP = path.join(REPO_ROOT, 'test/e2e/apps/http2-call.mjs');

let collector: RawOtlpCollector;

beforeAll(async () => {
  collector = await startRawOtlpCollector();
});

afterAll(async () => {
  await collector?.close();
});

describe.each([
  ['ESM import', '0'],
  ['CommonJS require', '1'],
])('an app that loads node:http2 by %s after register', (_how, viaRequire) => {
  it('gets its response unchanged, a GenAI span, and that span named in the traceparent it sent', async () => {
    const before = collector.spans().length;
    const run = await runTracedApp(APP, {
      timeoutMs: 20_000,
      env: { HTTP2_VIA_REQUIRE: viaRequire },
      configYaml: localOpenAiConfigYaml(collector.endpoint),
    });
    expect(run.stderr).toBe('');
    const [result] = run.results as Array<{ traceparent?: string; status: number; body: string }>;
    expect(result).toMatchObject({ status: 200, body: 'chatcmpl-h2' });
    await collector.waitForSpans(before + 1, 10_000);
    const span = collector.spans().slice(before).find((s) => s.name === 'chat gpt-h2');
    expect(span).toBeDefined();
    expect(result!.traceparent).toBe(`00-${span!.traceId}-${span!.spanId}-01`);
    expect(span!.attributes['gen_ai.usage.input_tokens']).toBe(3);
  });
});
