/**
 * Export over OTLP/HTTP (issue 10 items 1 and 4): the protocol variables, the spec's endpoint path
 * rules, headers from the environment and from the file, and the Langfuse recipe of the README,
 * against a local endpoint that records path, headers and payload.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpHttpCapture, type OtlpHttpCapture } from '../helpers/otlp-http-capture.js';
import { REPO_ROOT, runTracedApp } from '../helpers/run-traced-app.js';

const APP = path.join(REPO_ROOT, 'test/e2e/apps/manual-trace-call.mjs');
const LANGFUSE_PATH = '/api/public/otel/v1/traces';
// Langfuse's Basic auth: base64("<public key>:<secret key>"); test keys, never real ones.
const BASIC = `Basic ${Buffer.from('pk-lf-test:sk-lf-test').toString('base64')}`;

let capture: OtlpHttpCapture | undefined;
afterEach(async () => {
  await capture?.close();
  capture = undefined;
});

/** Runs the app with the env (and file) `setup` builds from the capture's URL; returns what arrived. */
async function run(setup: (url: string) => { env: Record<string, string>; configYaml?: string }): Promise<OtlpHttpCapture> {
  capture = await startOtlpHttpCapture();
  const { env, configYaml } = setup(capture.url);
  const result = await runTracedApp(APP, { env: { OTEL_METRICS_EXPORTER: 'none', ...env }, configYaml, timeoutMs: 60_000 });
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  return capture;
}

function llmSpan(received: OtlpHttpCapture) {
  const spans = received.requests.flatMap((request) => request.spans);
  const span = spans.find((s) => s.attributes['gen_ai.request.model'] === 'gpt-4o-mini');
  expect(span, `spans: ${spans.map((s) => s.name).join(', ')}`).toBeDefined();
  return span!;
}

describe('OTLP/HTTP export', () => {
  it('http/protobuf with the general endpoint: traces at <endpoint>/v1/traces, as protobuf', async () => {
    const received = await run((url) => ({ env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_EXPORTER_OTLP_ENDPOINT: url } }));
    expect(received.requests.map((r) => r.path)).toEqual(['/v1/traces']);
    expect(received.requests[0]!.headers['content-type']).toBe('application/x-protobuf');
    expect(llmSpan(received).name).toBe('chat gpt-4o-mini');
  }, 90_000);

  it('http/json with the traces endpoint: sent to that URL as it is, as JSON', async () => {
    const received = await run((url) => ({ env: { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${url}/custom/v1/traces` } }));
    expect(received.requests.map((r) => r.path)).toEqual(['/custom/v1/traces']);
    expect(received.requests[0]!.headers['content-type']).toBe('application/json');
    expect(llmSpan(received).attributes['gen_ai.usage.output_tokens']).toBe(3);
  }, 90_000);

  it('the README Langfuse recipe (environment): path, Basic auth, GenAI attributes, user, session and tags', async () => {
    const received = await run((url) => ({
      env: {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${url}${LANGFUSE_PATH}`,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: `Authorization=${encodeURIComponent(BASIC)}`,
      },
    }));
    expect(received.requests.map((r) => r.path)).toEqual([LANGFUSE_PATH]);
    expect(received.requests[0]!.headers.authorization).toBe(BASIC);
    const span = llmSpan(received);
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.output_tokens': 3,
      'user.id': 'user-42',
      'session.id': 'session-7',
      'llm_otel.tags': ['beta', 'eu'],
    });
    expect(typeof span.attributes['llm_otel.cost.usd']).toBe('number');
  }, 90_000);

  it('the README Langfuse recipe (YAML): protocol and endpoint in the file, the header value from a variable', async () => {
    const received = await run((url) => ({
      env: { LANGFUSE_AUTH: BASIC },
      configYaml: [
        'observability:',
        '  tracing:',
        '    exporter:',
        '      protocol: http/protobuf',
        `      endpoint: "${url}${LANGFUSE_PATH}"`,
        '      headers: { Authorization: { env: LANGFUSE_AUTH } }',
        '',
      ].join('\n'),
    }));
    expect(received.requests.map((r) => r.path)).toEqual([LANGFUSE_PATH]);
    expect(received.requests[0]!.headers.authorization).toBe(BASIC);
    expect(llmSpan(received).attributes['user.id']).toBe('user-42');
  }, 90_000);
});
