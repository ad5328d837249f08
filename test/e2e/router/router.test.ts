/**
 * The router end to end: an app using the real `openai` SDK under `node --import ./register.js`
 * calls `llm-otel router` (a child process started as a user starts it), which calls local fake
 * backends and a fake embeddings endpoint; every span arrives at an in-process OTLP receiver.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { attrsOf, childrenOf, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../../helpers/otlp-receiver.js';
import { runTracedApp, type AppRun } from '../../helpers/run-traced-app.js';
import { closedPort, startFakeBackend, streamEvents, type FakeBackend } from './fake-backend.js';
import { startRouterProcess, type RouterProcess } from './router-process.js';

const APP = path.join(path.dirname(new URL(import.meta.url).pathname), 'apps/router-app.mjs');
const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;
const SAMPLED_SCENARIOS = [
  'keyword', 'embedding', 'fallback', 'cache-first', 'cache-repeat', 'cache-stream', 'cache-similar',
  'failover', 'failover-again', 'stream', 'abort', 'unknown',
];

interface Backends {
  general: FakeBackend;
  code: FakeBackend;
  broken: FakeBackend;
  backup: FakeBackend;
  slow: FakeBackend;
  embedder: FakeBackend;
  refusedPort: number;
}

function routerConfig(receiverPort: number, b: Backends): string {
  return `
observability:
  tracing:
    exporter: { endpoint: "http://127.0.0.1:${receiverPort}", timeout_ms: 2000 }
    resource: { service_name: router-under-test }
    metrics: { enabled: true, interval_ms: 1000 }
vllm_endpoints:
  - { name: general, address: 127.0.0.1, port: ${b.general.port} }
  - { name: code, address: 127.0.0.1, port: ${b.code.port} }
  - { name: broken, address: 127.0.0.1, port: ${b.broken.port}, weight: 1 }
  - { name: refused, address: 127.0.0.1, port: ${b.refusedPort}, weight: 1, timeout_ms: 2000 }
  - { name: backup, address: 127.0.0.1, port: ${b.backup.port}, weight: 0 }
  - { name: slow, address: 127.0.0.1, port: ${b.slow.port} }
model_config:
  general-model: { preferred_endpoints: [general] }
  code-model: { preferred_endpoints: [code], reasoning_family: qwen3 }
  math-model: { preferred_endpoints: [general] }
  flaky-model: { preferred_endpoints: [broken, refused, backup] }
  slow-model: { preferred_endpoints: [slow] }
default_model: general-model
keyword_rules:
  - { name: code_keywords, operator: OR, keywords: ["\\\\bfunction\\\\b", "\\\\bcode\\\\b"], case_sensitive: false }
embedding_rules:
  - { name: math_questions, threshold: 0.7, aggregation_method: max, candidates: ["what is the derivative of", "solve this equation"] }
embedding_models:
  endpoint: { base_url: "http://127.0.0.1:${b.embedder.port}/v1", model: bow-embedder }
strategy: priority
decisions:
  - name: code
    priority: 100
    rules: { operator: OR, conditions: [{ type: keyword, name: code_keywords }] }
    modelRefs: [{ model: code-model, use_reasoning: true }]
    plugins:
      - { type: system_prompt, configuration: { system_prompt: "You are a coding expert." } }
  - name: math
    priority: 50
    rules: { operator: AND, conditions: [{ type: embedding, name: math_questions }] }
    modelRefs: [{ model: math-model }]
reasoning_families:
  qwen3: { type: chat_template_kwargs, parameter: enable_thinking }
semantic_cache: { enabled: true, similarity_threshold: 0.85 }
router: { endpoint_cooldown_ms: 60000 }
`;
}

let receiver: OtlpReceiver;
let backends: Backends;
let router: RouterProcess;
let configDir: string;
let sampledRun: AppRun;
let unsampledRun: AppRun;
let spans: ReceivedSpan[];
/** The JSON line each scenario of the app printed, by scenario. */
interface ScenarioResult {
  scenario: string;
}
// Each scenario prints fields of its own (headers, content, chunks, status, ...); every read of them is an assertion.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const results = new Map<string, any>();

const inTrace = (traceId: string) => spans.filter((s) => s.traceId === traceId);
const named = (list: ReceivedSpan[], name: string) => list.filter((s) => s.name === name);
const one = (list: ReceivedSpan[], name: string) => {
  const found = named(list, name);
  if (found.length !== 1) throw new Error(`expected one '${name}', found ${found.length} among ${list.map((s) => s.name).join(', ')}`);
  return found[0]!;
};
const serverSpanOf = (scenario: string) => one(inTrace(results.get(scenario).traceId), 'semantic_router.request.received');
/** Upstream attempts: the router's GenAI client spans that are direct children of its request span. */
const upstreamOf = (scenario: string) =>
  childrenOf(spans, serverSpanOf(scenario)).filter((s) => s.kind === CLIENT && s.name.startsWith('chat '));
const traceparentParts = (value: unknown) => String(value).split('-');

beforeAll(async () => {
  receiver = await startOtlpReceiver({ port: 0 });
  backends = {
    general: await startFakeBackend('general', 'ok'),
    code: await startFakeBackend('code', 'ok'),
    broken: await startFakeBackend('broken', 'status500'),
    backup: await startFakeBackend('backup', 'ok'),
    slow: await startFakeBackend('slow', 'stalling-stream'),
    embedder: await startFakeBackend('embedder', 'embeddings'),
    refusedPort: await closedPort(),
  };
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-router-'));
  const configFile = path.join(configDir, 'router-config.yaml');
  fs.writeFileSync(configFile, routerConfig(receiver.port, backends));
  router = await startRouterProcess(configFile);
  const appEnv = { ROUTER_URL: router.url, OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`, OTEL_SERVICE_NAME: 'router-e2e-app' };
  // The unsampled caller runs first: any router span it wrongly caused would be exported before
  // the sampled run's spans, which the wait below sees.
  unsampledRun = await runTracedApp(APP, { env: { ...appEnv, SCENARIOS: 'unsampled', OTEL_TRACES_SAMPLER: 'always_off' } });
  sampledRun = await runTracedApp(APP, { env: { ...appEnv, SCENARIOS: SAMPLED_SCENARIOS.join(',') } });
  for (const result of [...unsampledRun.results, ...sampledRun.results] as ScenarioResult[]) results.set(result.scenario, result);
  const traceIds = SAMPLED_SCENARIOS.map((s) => results.get(s)?.traceId);
  spans = await receiver.waitForSpans(
    (all) => traceIds.every((id) => all.some((s) => s.traceId === id && s.name === 'semantic_router.request.received') && all.some((s) => s.traceId === id && s.name.startsWith('scenario '))),
    20_000,
  );
}, 90_000);

afterAll(async () => {
  await router?.stop();
  await Promise.all(Object.values(backends ?? {}).map((b) => (typeof b === 'object' ? b.close() : undefined)));
  await receiver?.close();
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
});

describe('llm-otel router, end to end', () => {
  it('ran every scenario', () => {
    expect(sampledRun.code, sampledRun.stderr).toBe(0);
    for (const scenario of SAMPLED_SCENARIOS) expect(results.get(scenario)?.failed, scenario).toBeUndefined();
  });

  it('prints exactly one line when ready, with a host a client can connect to', () => {
    expect(router.stdout()).toMatch(/^llm-otel router: listening on http:\/\/127\.0\.0\.1:\d+\n$/);
  });

  it('keeps one trace from the app span to the traceparent the backend received, stages as siblings', () => {
    const result = results.get('keyword');
    const trace = inTrace(result.traceId);
    const scenario = one(trace, 'scenario keyword');
    const appCall = one(trace, 'chat auto');
    expect(appCall.parentSpanId).toBe(scenario.spanId);
    const server = one(trace, 'semantic_router.request.received');
    // A direct child of the app's client span: no generic HTTP server span in between.
    expect(server.parentSpanId).toBe(appCall.spanId);
    expect(server.kind).toBe(SERVER);
    expect(server.resource['service.name']).toBe('router-under-test');
    expect(attrsOf(server)).toMatchObject({
      'request.id': 'req-keyword-1',
      'routing.original_model': 'auto',
      'routing.selected_model': 'code-model',
      'routing.reason': 'decision',
      'http.request.method': 'POST',
      'url.path': '/v1/chat/completions',
      'http.response.status_code': 200,
    });
    const children = childrenOf(spans, server);
    expect(children.map((s) => `${s.name}${s.attributes['plugin.type'] ? ` ${s.attributes['plugin.type']}` : ''}`)).toEqual([
      'semantic_router.signal.evaluation',
      'semantic_router.decision.evaluation',
      'semantic_router.plugin.execution system_prompt',
      'semantic_router.plugin.execution response_cache',
      'chat code-model',
    ]);
    const evaluation = children[0]!;
    const signals = childrenOf(spans, evaluation);
    expect(signals.map((s) => s.name).sort()).toEqual(['semantic_router.signal.embedding', 'semantic_router.signal.keyword']);
    const keyword = one(signals, 'semantic_router.signal.keyword');
    expect(attrsOf(keyword)).toMatchObject({ 'signal.type': 'keyword', 'signal.matched_rules': ['code_keywords'], 'signal.confidence': 1 });
    // The query's embedding is fetched inside the embedding signal, and traced there by our capture.
    const embeddingSignal = one(signals, 'semantic_router.signal.embedding');
    expect(childrenOf(spans, embeddingSignal).map((s) => s.name)).toEqual(['embeddings bow-embedder']);
    expect(attrsOf(children[1]!)).toMatchObject({
      'decision.name': 'code', 'decision.confidence': 1, 'decision.matched_rules': ['keyword:code_keywords'],
      'decision.strategy': 'priority', 'routing.selected_model': 'code-model',
    });

    const upstream = children[4]!;
    expect(upstream.kind).toBe(CLIENT);
    expect(attrsOf(upstream)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'code-model',
      'gen_ai.response.model': 'code-model',
      'gen_ai.usage.input_tokens': 9,
      'gen_ai.usage.output_tokens': 3,
      'gen_ai.response.finish_reasons': ['stop'],
      'server.address': '127.0.0.1',
      'server.port': backends.code.port,
      'http.response.status_code': 200,
      'endpoint.name': 'code',
      'endpoint.address': `127.0.0.1:${backends.code.port}`,
      'model.name': 'code-model',
    });
    const received = backends.code.requests.find((r) => r.body?.messages?.some((m) => m.content === 'Please write a function that reverses a string'))!;
    const [, traceId, parentId, flags] = traceparentParts(received.headers.traceparent);
    expect([traceId, parentId, flags]).toEqual([result.traceId, upstream.spanId, '01']);
    // The request span covers the whole request: it ends after the upstream call.
    expect(server.endTimeUnixNano >= upstream.endTimeUnixNano).toBe(true);
  });

  it('routes auto by keyword: the selected model replaces auto upstream, with the decision plugins applied', () => {
    expect(results.get('keyword').headers).toEqual({
      'x-vsr-selected-model': 'code-model', 'x-vsr-selected-decision': 'code', 'x-vsr-cache-hit': 'false', 'x-request-id': 'req-keyword-1',
    });
    expect(results.get('keyword').content).toBe('Answer from code');
    const received = backends.code.requests.find((r) => r.body?.messages?.some((m) => m.content === 'Please write a function that reverses a string'))!;
    expect(received.body?.model).toBe('code-model');
    expect(received.body?.messages?.[0]).toEqual({ role: 'system', content: 'You are a coding expert.' });
    expect(received.body?.chat_template_kwargs).toEqual({ enable_thinking: true });
    expect(received.headers['x-request-id']).toBe('req-keyword-1');
    // The app's key is never forwarded: the router has none configured for this endpoint.
    expect(received.headers.authorization).toBeUndefined();
  });

  it('routes auto by embedding similarity through the embeddings API', () => {
    expect(results.get('embedding').headers['x-vsr-selected-model']).toBe('math-model');
    expect(results.get('embedding').headers['x-vsr-selected-decision']).toBe('math');
    const trace = inTrace(results.get('embedding').traceId);
    const signal = one(trace, 'semantic_router.signal.embedding');
    expect(signal.attributes['signal.matched_rules']).toEqual(['math_questions']);
    expect(Number(signal.attributes['signal.confidence'])).toBeGreaterThan(0.8);
    expect(one(trace, 'semantic_router.decision.evaluation').attributes['decision.matched_rules']).toEqual(['embedding:math_questions']);
    expect(backends.embedder.requests.every((r) => r.body?.model === 'bow-embedder')).toBe(true);
  });

  it('falls back to default_model when no decision matches (MoM is the auto name)', () => {
    expect(results.get('fallback').headers['x-vsr-selected-model']).toBe('general-model');
    expect(results.get('fallback').headers['x-vsr-selected-decision']).toBeNull();
    expect(attrsOf(serverSpanOf('fallback'))['routing.reason']).toBe('default_model');
  });

  it('answers a repeated request from the cache: no upstream span, x-vsr-cache-hit true, a hash for the key', () => {
    expect(results.get('cache-first').headers['x-vsr-cache-hit']).toBe('false');
    expect(upstreamOf('cache-first')).toHaveLength(1);
    for (const scenario of ['cache-repeat', 'cache-stream', 'cache-similar']) {
      expect(results.get(scenario).headers['x-vsr-cache-hit'], scenario).toBe('true');
      expect(results.get(scenario).content, scenario).toBe('Answer from general');
      expect(upstreamOf(scenario), scenario).toHaveLength(0);
      const cache = one(inTrace(results.get(scenario).traceId), 'semantic_router.plugin.execution');
      expect(attrsOf(cache)).toMatchObject({ 'plugin.type': 'response_cache', 'plugin.result': 'cache_hit', 'cache.hit': true, 'cache.threshold': 0.85 });
      expect(String(cache.attributes['cache.key'])).toMatch(/^[0-9a-f]{64}$/);
    }
    // Whitespace is normalised, so the repeat is an exact hit; the longer question a similarity hit.
    expect(one(inTrace(results.get('cache-repeat').traceId), 'semantic_router.plugin.execution').attributes['cache.similarity']).toBe(1);
    expect(Number(one(inTrace(results.get('cache-similar').traceId), 'semantic_router.plugin.execution').attributes['cache.similarity'])).toBeLessThan(1);
    expect(backends.general.requests.filter((r) => JSON.stringify(r.body).includes('zebra'))).toHaveLength(1);
  });

  it('never puts prompt text in a span (content capture is off)', () => {
    const prompts = ['zebra caches', 'reverses a string', 'derivative of x', 'stream probe', 'failover probe', 'You are a coding expert'];
    for (const span of spans) {
      const text = JSON.stringify(span.attributes);
      for (const prompt of prompts) expect(text, `${span.name} holds "${prompt}"`).not.toContain(prompt);
    }
  });

  it('fails over by weight: refused and 5xx attempts are ERROR client spans of their own, then cool down', () => {
    expect(results.get('failover').content).toBe('Answer from backup');
    const attempts = upstreamOf('failover');
    expect(attempts).toHaveLength(3);
    const failed = attempts.slice(0, 2);
    expect(failed.every((s) => s.status.code === STATUS_ERROR)).toBe(true);
    expect(failed.map((s) => s.attributes['server.port']).sort()).toEqual([backends.broken.port, backends.refusedPort].sort());
    const byPort = new Map(failed.map((s) => [s.attributes['server.port'], s]));
    expect(byPort.get(backends.broken.port)!.attributes['error.type']).toBe('server_error');
    expect(byPort.get(backends.broken.port)!.attributes['http.response.status_code']).toBe(500);
    expect(byPort.get(backends.refusedPort)!.attributes['error.type']).toBe('ECONNREFUSED');
    expect(attempts[2]!.status.code).not.toBe(STATUS_ERROR);
    expect(attempts[2]!.attributes['server.port']).toBe(backends.backup.port);
    // Both failed endpoints now cool down: the next request goes straight to the backup.
    expect(upstreamOf('failover-again').map((s) => s.attributes['server.port'])).toEqual([backends.backup.port]);
    expect(backends.broken.requests).toHaveLength(1);
  });

  it('relays a stream byte for byte, and its upstream span lasts to the end of the stream', () => {
    const result = results.get('stream');
    const sent = backends.general.requests.find((r) => r.body?.messages?.[0]?.content === 'stream probe')!;
    const expected = createHash('sha256').update(streamEvents('general', 'general-model').join('')).digest('hex');
    expect(sent.sentSha256).toBe(expected);
    expect(result.sha256).toBe(expected);
    const [upstream] = upstreamOf('stream');
    expect(attrsOf(upstream!)).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 11, 'gen_ai.usage.output_tokens': 5 });
    expect(Number(upstream!.attributes['gen_ai.response.time_to_first_chunk'])).toBeGreaterThan(0);
    // Nine events 20 ms apart: a span ended at the response headers would be far shorter.
    expect(Number(upstream!.endTimeUnixNano - upstream!.startTimeUnixNano) / 1e6).toBeGreaterThan(150);
    // The server span ends after the upstream one, often by tens of µs only. The SDK anchors a
    // span's clock on Date.now() (whole milliseconds) and ours on performance.timeOrigin, so their
    // times may disagree by up to 1 ms: measured -17 µs to +2 ms over six runs.
    expect(serverSpanOf('stream').endTimeUnixNano + 1_000_000n >= upstream!.endTimeUnixNano).toBe(true);
  });

  it('cancels the upstream call when the client disconnects mid-stream', async () => {
    // The app read the first chunk, then aborted (openai 7 ends the iteration quietly on abort).
    expect(results.get('abort').chunks).toBe(1);
    const deadline = Date.now() + 5_000;
    while (!backends.slow.requests[0]?.closedEarly && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(backends.slow.requests).toHaveLength(1);
    expect(backends.slow.requests[0]!.closedEarly).toBe(true);
    expect(serverSpanOf('abort').status.code).toBe(STATUS_ERROR);
  });

  it('answers an unknown model with an OpenAI-style 404', () => {
    expect(results.get('unknown')).toMatchObject({ status: 404, code: 'model_not_found', type: 'invalid_request_error' });
  });

  it('records nothing for an unsampled caller and forwards its flags', () => {
    expect(unsampledRun.code, unsampledRun.stderr).toBe(0);
    const result = results.get('unsampled');
    expect(result.content).toBe('Answer from general');
    const received = backends.general.requests.find((r) => r.body?.messages?.[0]?.content === 'unsampled probe')!;
    const [, traceId, , flags] = traceparentParts(received.headers.traceparent);
    expect(traceId).toBe(result.traceId);
    expect(flags).toBe('00');
    expect(receiver.spans.filter((s) => s.traceId === result.traceId)).toEqual([]);
  });

  it('exports router metrics over OTLP', async () => {
    const expected = ['llm_otel.router.requests', 'llm_otel.router.cache.hits', 'llm_otel.router.decisions', 'llm_otel.router.upstream.duration'];
    // A counter first appears in the export after its first measurement: an export that came
    // between the first request and the first cache hit has the one but not the other yet.
    const exported = () => new Set(receiver.metrics.map((m) => m.name));
    await receiver.waitForSpans(() => expected.every((name) => exported().has(name)), 10_000).catch(() => undefined);
    const names = exported();
    for (const name of expected) expect(names.has(name), name).toBe(true);
  });

  it('serves health, readiness, models, and refuses malformed and oversized bodies in the OpenAI shape', async () => {
    expect((await fetch(`${router.url}/health`)).status).toBe(200);
    expect(await (await fetch(`${router.url}/ready`)).json()).toEqual({ status: 'ready' });
    const models = (await (await fetch(`${router.url}/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual(['general-model', 'code-model', 'math-model', 'flaky-model', 'slow-model', 'MoM', 'auto']);
    const malformed = await fetch(`${router.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model": ' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: unknown }).error).toMatchObject({ type: 'invalid_request_error', param: null });
    const oversized = await fetch(`${router.url}/v1/chat/completions`, { method: 'POST', body: 'x'.repeat(4 * 1024 * 1024 + 1) });
    expect(oversized.status).toBe(413);
    expect(((await oversized.json()) as { error: { code: string } }).error.code).toBe('request_too_large');
  });

  it('stops on SIGTERM promptly, with exit code 0', async () => {
    const { code, elapsedMs } = await router.stop();
    expect(code).toBe(0);
    expect(elapsedMs).toBeLessThan(5_000);
    // Nothing of ours went wrong (an export that timed out on a busy machine is the SDK's to say).
    expect(router.stderr()).not.toMatch(/llm-otel|rror/);
  });
});
