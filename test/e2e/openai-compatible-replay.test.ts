import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures, type Fixture } from '../helpers/fixtures.js';
import { startReplayServer, type ReplayOptions, type ReplayServer } from '../helpers/replay-server.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';
import { checkFixtureSpan, describeFailures } from '../helpers/expected-attributes.js';
import { OPENAI_COMPATIBLE_PROVIDERS, replayStep, type ClientName } from './openai-plan.js';

const APP = path.join(REPO_ROOT, 'test/e2e/apps/openai-replay.mjs');
const fixtures = listFixtures((f) => OPENAI_COMPATIBLE_PROVIDERS.includes(f.provider));

interface Replay {
  run: AppRun;
  servers: Map<string, ReplayServer>;
  spans: ReceivedSpan[];
}

/**
 * Replays every OpenAI-compatible fixture through one client in a child process under
 * `--import ./register.js`. Each provider gets its own local server, mapped to that provider in
 * the YAML (`providers:`), the way a user maps an internal gateway.
 */
async function replayAll(receiver: OtlpReceiver, client: ClientName, serverOptions: ReplayOptions): Promise<Replay> {
  const servers = new Map<string, ReplayServer>();
  for (const provider of OPENAI_COMPATIBLE_PROVIDERS) servers.set(provider, await startReplayServer(serverOptions));
  const plan = fixtures.map((f) => replayStep(f, servers.get(f.provider)!, client));
  const mappings = [...servers].map(([provider, s]) => `      - { host: "127.0.0.1:${s.port}", provider: ${provider}, api: openai }`);
  const before = receiver.spans.length;
  const run = await runTracedApp(APP, {
    env: { REPLAY_PLAN: JSON.stringify(plan), OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}` },
    configYaml: ['observability:', '  tracing:', '    resource: { service_name: replay-test }', '    providers:', ...mappings, ''].join('\n'),
  });
  const received = [...servers.values()].reduce((n, s) => n + s.received.length, 0);
  // On a shortfall, go on with what arrived: the per-fixture tests then name what is missing.
  await receiver.waitForSpans((all) => all.length - before >= received, 10_000).catch(() => undefined);
  return { run, servers, spans: receiver.spans.slice(before) };
}

function spanFor(replay: Replay, fixture: Fixture): ReceivedSpan | undefined {
  const request = replay.servers.get(fixture.provider)!.received.find((r) => r.fixture === fixture.name);
  const traceparent = String(request?.headers.traceparent ?? '');
  const [, traceId, spanId] = traceparent.split('-');
  return replay.spans.find((s) => s.traceId === traceId && s.spanId === spanId);
}

describe.each([
  ['openai7', { compress: true }],
  ['openai6', { chunkBytes: 37 }],
  ['fetch', {}],
] as const)('OpenAI-compatible recordings through %s', (client, serverOptions) => {
  let receiver: OtlpReceiver;
  let replay: Replay;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayAll(receiver, client, serverOptions);
  }, 60_000);

  afterAll(async () => {
    for (const server of replay?.servers.values() ?? []) await server.close();
    await receiver?.close();
  });

  it('runs the app to completion with every call answered', () => {
    expect(replay.run.code, replay.run.stderr).toBe(0);
    expect(replay.run.results).toHaveLength(fixtures.length);
  });

  it('exports exactly one span per LLM call', () => {
    const calls = [...replay.servers.values()].reduce((n, s) => n + s.received.length, 0);
    expect(calls).toBe(fixtures.length);
    expect(replay.spans).toHaveLength(calls);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: span carries every expected value', (_name, fixture) => {
    const span = spanFor(replay, fixture);
    expect(span, `no span whose id matches the traceparent the server received for ${fixture.name}`).toBeDefined();
    const failures = describeFailures(fixture.name, checkFixtureSpan(fixture, span!));
    expect(failures).toEqual([]);
    expect(span!.kind).toBe(3); // CLIENT
    expect(span!.parentSpanId).toBeUndefined();
    expect(span!.name).toBe(fixture.expected.model_request ? `${fixture.expected.operation} ${fixture.expected.model_request}` : fixture.expected.operation);
  });

  if (client === 'fetch') {
    it('hands the app every response byte unchanged', () => {
      for (const result of replay.run.results as Array<{ fixture: string; sha256: string }>) {
        const fixture = fixtures.find((f) => f.name === result.fixture)!;
        const sent = replay.servers.get(fixture.provider)!.received.find((r) => r.fixture === result.fixture)!;
        expect(result.sha256, result.fixture).toBe(sent.responseSha256);
      }
    });
  }
});
