import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { startReplayServer, type ReceivedRequest, type ReplayServer } from '../helpers/replay-server.js';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';
import { findSecrets, SECRET_HEADERS, SECRET_QUERY, SECRET_VALUES } from './helpers/secret-scan.js';

const APP = path.join(REPO_ROOT, 'test/faults/apps/secret-bearing-calls.mjs');

/** Which recording each provider's server answers with, and how its host is mapped. */
const PROVIDERS = {
  openai: { fixture: 'openai--chat.completions--basic-gpt35', provider: 'openai', api: 'openai' },
  azure: { fixture: 'azure.ai.openai--chat.completions--basic-2024', provider: 'azure.ai.openai', api: 'openai' },
  gemini: { fixture: 'gcp.gemini--generateContent--gemini-2.5-flash', provider: 'gcp.gemini', api: 'gemini' },
  anthropic: { fixture: 'anthropic--messages--basic-claude3-opus', provider: 'anthropic', api: 'anthropic' },
} as const;
type ProviderKey = keyof typeof PROVIDERS;

const servers = new Map<ProviderKey, ReplayServer>();
let receiver: OtlpReceiver;
let run: AppRun;

beforeAll(async () => {
  receiver = await startOtlpReceiver({ port: 0 });
  for (const key of Object.keys(PROVIDERS) as ProviderKey[]) servers.set(key, await startReplayServer({ maxRequests: 20 }));
  const bases = Object.fromEntries([...servers].map(([key, server]) => [key, server.baseUrl(PROVIDERS[key].fixture)]));
  run = await runTracedApp(APP, {
    env: { BASES: JSON.stringify(bases), SECRET_HEADERS: JSON.stringify(SECRET_HEADERS), SECRET_QUERY: JSON.stringify(SECRET_QUERY) },
    configYaml: [
      'observability:',
      '  tracing:',
      `    exporter: { endpoint: "http://127.0.0.1:${receiver.port}" }`,
      '    capture_content: true',
      '    trace_non_llm_requests: true',
      '    metrics: { enabled: false }',
      '    providers:',
      ...[...servers].map(([key, s]) => `      - { host: "127.0.0.1:${s.port}", provider: ${PROVIDERS[key].provider}, api: ${PROVIDERS[key].api} }`),
      '',
    ].join('\n'),
    timeoutMs: 60_000,
  });
  await receiver.waitForSpans((spans) => spans.length >= allRequests().length, 10_000).catch(() => undefined);
}, 90_000);

afterAll(async () => {
  for (const server of servers.values()) await server.close();
  await receiver?.close();
});

function allRequests(): Array<ReceivedRequest & { server: ProviderKey }> {
  return [...servers].flatMap(([key, server]) => server.received.map((r) => ({ ...r, server: key })));
}

function spanOf(request: ReceivedRequest): ReceivedSpan | undefined {
  const [, traceId, spanId] = String(request.headers.traceparent ?? '').split('-');
  return receiver.spans.find((s) => s.traceId === traceId && s.spanId === spanId);
}

/** The credentials a request carried to the server, by header or query name. */
function credentialsSent(request: ReceivedRequest): string[] {
  const sent: string[] = [];
  for (const name of Object.keys(SECRET_HEADERS)) if (request.headers[name] !== undefined) sent.push(name);
  const query = new URLSearchParams(request.url.split('?')[1] ?? '');
  for (const name of Object.keys(SECRET_QUERY)) if (query.get(name) === SECRET_QUERY[name]) sent.push(`?${name}`);
  return sent;
}

describe('credentials sent with LLM calls, content capture on', () => {
  it('every call succeeds', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.results.filter((r) => (r as { ok?: boolean }).ok === false)).toEqual([]);
    expect(run.results.at(-1)).toEqual({ problems: [] });
  });

  it('every request really carried its credentials to the server', () => {
    const carried = allRequests().map((r) => `${r.server} ${r.method} ${r.url.split('?')[0]}: ${credentialsSent(r).join(' ')}`);
    expect(carried).toEqual([
      'openai POST /v1/chat/completions: authorization api-key x-api-key x-goog-api-key ?key ?api_key',
      'openai POST /v1/chat/completions: authorization api-key x-api-key x-goog-api-key ?key ?api_key',
      'openai POST /v1/chat/completions: authorization ?key ?api_key',
      'openai GET /v1/models: authorization api-key x-api-key x-goog-api-key ?key ?api_key',
      'openai GET /v1/models: authorization api-key x-api-key x-goog-api-key ?key ?api_key',
      'azure POST /openai/deployments/openllmetry-testing/chat/completions: api-key',
      'gemini POST /v1beta/models/gemini-2.5-flash:generateContent: x-goog-api-key ?key',
      'gemini POST /v1beta/models/gemini-2.5-flash:generateContent: x-goog-api-key',
      'anthropic POST /v1/messages: authorization x-api-key',
    ]);
  });

  it('every request has its span: 7 LLM calls and 2 plain HTTP requests', () => {
    const spans = allRequests().map((r) => spanOf(r));
    expect(spans.every((s) => s !== undefined)).toBe(true);
    expect(spans.map((s) => s!.attributes['gen_ai.provider.name'] ?? `plain ${String(s!.attributes['http.request.method'])}`)).toEqual([
      'openai', 'openai', 'openai', 'plain GET', 'plain GET', 'azure.ai.openai', 'gcp.gemini', 'gcp.gemini', 'anthropic',
    ]);
    expect(receiver.spans).toHaveLength(allRequests().length);
  });

  it('no span holds a key value, a credential header name or a credential query parameter', () => {
    expect(SECRET_VALUES).toHaveLength(6);
    expect(findSecrets(receiver.spans)).toEqual([]);
  });

  it('a plain HTTP span keeps the URL without its query', () => {
    const openai = servers.get('openai')!;
    const plain = allRequests().filter((r) => r.method === 'GET').map((r) => spanOf(r)!.attributes['url.full']);
    expect(plain).toEqual([0, 1].map(() => `http://127.0.0.1:${openai.port}/fx/${PROVIDERS.openai.fixture}/v1/models`));
  });

  it('content capture did record the prompts (the scan looked at real content)', () => {
    const chat = receiver.spans.filter((s) => s.attributes['gen_ai.provider.name'] === 'openai');
    expect(chat.map((s) => JSON.parse(String(s.attributes['gen_ai.input.messages']))[0].parts[0].content)).toEqual([
      'Tell me a joke about opentelemetry', 'Tell me a joke about opentelemetry', 'Tell me a joke about opentelemetry',
    ]);
  });
});
