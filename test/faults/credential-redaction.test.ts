import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';
import { localOpenAiConfigYaml } from '../helpers/local-openai-config.js';
import { startRawOtlpCollector, type RawOtlpCollector } from './helpers/raw-otlp-collector.js';

const APP = path.join(REPO_ROOT, 'test/faults/apps/credential-errors.mjs');

/** Each shaped so that only one rule can catch it: a known key format, or its place in the text. */
const KEYS = {
  bearer: 'sk-proj-faultredact7Qm2Lx9Vb4Nc8Zr1',
  query: 'azure-fault-query-key-2b8e',
  path: 'sk-fault-path-key-4d6f8a0c2e',
  password: 'hunter2-fault-pass-9z',
};
/** Pieces that would show a key leaked partly: the masked echo's prefix, the bare password. */
const FRAGMENTS = [...Object.values(KEYS), KEYS.bearer.slice(0, 12), KEYS.bearer.slice(-10)];

let collector: RawOtlpCollector;
let traced: AppRun;
let untraced: AppRun;

beforeAll(async () => {
  collector = await startRawOtlpCollector();
  const env = { KEYS: JSON.stringify(KEYS) };
  untraced = await runTracedApp(APP, { env, traced: false, timeoutMs: 30_000 });
  traced = await runTracedApp(APP, {
    env,
    timeoutMs: 30_000,
    configYaml: localOpenAiConfigYaml(collector.endpoint, ['trace_non_llm_requests: true']),
  });
  await collector.waitForSpans(6, 10_000);
}, 90_000);

afterAll(async () => {
  await collector?.close();
});

describe('error texts that quote credentials', () => {
  it('the app sees what it sees untraced', () => {
    expect(untraced.results).toHaveLength(6);
    expect({ code: traced.code, stderr: traced.stderr, results: traced.results }).toEqual({ code: untraced.code, stderr: untraced.stderr, results: untraced.results });
  });

  it('no key, password or part of one is in the exported bytes', () => {
    const bytes = Buffer.concat(collector.exports).toString('latin1');
    expect(bytes.length).toBeGreaterThan(0);
    expect(FRAGMENTS.filter((fragment) => bytes.includes(fragment))).toEqual([]);
  });

  it('each failure still says what went wrong, with REDACTED where the credential was', () => {
    const lines = collector
      .spans()
      .map((span) => `${span.name} | ${String(span.attributes['url.full'] ?? '')} | ${String(span.attributes['error.type'] ?? '')} | ${span.status.message ?? ''}`)
      .sort();
    expect(lines).toEqual(EXPECTED_SPANS.map((line) => line.replace(/PORT/g, String(portOf(collector)))).sort());
  });
});

function portOf(c: RawOtlpCollector): string {
  const span = c.spans().find((s) => s.attributes['server.port'] !== undefined && s.name === 'GET');
  return String(span?.attributes['server.port'] ?? 'PORT');
}

const EXPECTED_SPANS: string[] = [
  'GET | http://127.0.0.1:PORT/files/REDACTED/content |  | ',
  'GET | http://127.0.0.1:PORT/status |  | ',
  'chat gpt-4o-mini |  | TypeError | Headers.append: "REDACTED" is an invalid header value.',
  'chat gpt-4o-mini |  | TypeError | Headers.append: "REDACTED" is an invalid header value.',
  'chat gpt-4o-mini |  | TypeError | Request cannot be constructed from a URL that includes credentials: http://REDACTED:REDACTED@127.0.0.1:PORT/v1/chat/completions?api-key=REDACTED',
  'chat gpt-4o-mini |  | invalid_request_error | Incorrect API key provided: REDACTED Or was it REDACTED?',
];
