import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, type Fixture } from '../helpers/fixtures.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import type { ReplayServer } from '../helpers/replay-server.js';
import { REPO_ROOT } from '../helpers/run-traced-app.js';
import { replayWithDriver, type Replay, type ReplayDriver } from '../helpers/replay-runner.js';
import { expectFixtureSpan, replayOf, useReplay } from './replay-suite.js';

/** Our instrumentation scope: the package name. */
const OUR_SCOPE = 'llm-otel';

type Telemetry = 'off' | 'enabled' | 'otel';
interface AiCall {
  fixture: string;
  call: 'generateText' | 'streamText';
  endpoint?: 'chat' | 'responses';
  telemetry: Telemetry;
}

/**
 * One AI SDK call per recording (a recording's request is matched to its span by traceparent).
 * `off`: the default. `enabled`: experimental_telemetry on, no integration registered. `otel`:
 * on, with @ai-sdk/otel's OpenTelemetry integration registered (ai 7 creates no spans itself).
 */
const AI_CALLS: AiCall[] = [
  { fixture: 'openai--responses--basic', call: 'generateText', endpoint: 'responses', telemetry: 'off' },
  { fixture: 'openai--responses--stream', call: 'streamText', endpoint: 'responses', telemetry: 'off' },
  { fixture: 'openai--chat.completions--gpt4o-mini-gzip-recording', call: 'generateText', endpoint: 'chat', telemetry: 'off' },
  { fixture: 'openai--chat.completions--stream-include-usage', call: 'streamText', endpoint: 'chat', telemetry: 'off' },
  { fixture: 'anthropic--messages--basic-claude3-opus', call: 'generateText', telemetry: 'off' },
  { fixture: 'anthropic--messages--stream-claude35-haiku', call: 'streamText', telemetry: 'off' },
  { fixture: 'openai--chat.completions--basic-gpt35', call: 'generateText', endpoint: 'chat', telemetry: 'enabled' },
  { fixture: 'anthropic--messages--stream-claude3-haiku', call: 'streamText', telemetry: 'enabled' },
  { fixture: 'openai--chat.completions--prompt-caching-miss', call: 'generateText', endpoint: 'chat', telemetry: 'otel' },
  { fixture: 'openai--responses--stream-gpt4o', call: 'streamText', endpoint: 'responses', telemetry: 'otel' },
  { fixture: 'anthropic--messages--system-prompt', call: 'generateText', telemetry: 'otel' },
];

const LANGCHAIN_CALLS = [
  { fixture: 'openai--chat.completions--basic-gpt35-2024-03', call: 'invoke' },
  { fixture: 'openai--chat.completions--stream-no-usage-2024-03', call: 'stream' },
] as const;

const recordedModel = (fixture: Fixture) => (fixture.request.body as { model: string }).model;

const aiSdkDriver: ReplayDriver = {
  client: 'ai@7',
  app: path.join(REPO_ROOT, 'test/e2e/apps/frameworks-ai-sdk.mjs'),
  step: (fixture: Fixture, server: ReplayServer) => ({
    ...AI_CALLS.find((c) => c.fixture === fixture.name)!,
    baseUrl: server.baseUrl(fixture.name),
    provider: fixture.provider,
    model: recordedModel(fixture),
  }),
};

const langChainDriver: ReplayDriver = {
  client: '@langchain/openai@1',
  app: path.join(REPO_ROOT, 'test/e2e/apps/frameworks-langchain.mjs'),
  step: (fixture: Fixture, server: ReplayServer) => ({
    ...LANGCHAIN_CALLS.find((c) => c.fixture === fixture.name)!,
    baseUrl: server.baseUrl(fixture.name),
    model: recordedModel(fixture),
  }),
};

/** The fixture's span (every expected value, CLIENT; see replay-suite.ts), made by us. */
function expectOurFixtureSpan(replay: Replay, name: string): ReceivedSpan {
  const span = expectFixtureSpan(replay, name);
  expect(span.scope.name).toBe(OUR_SCOPE);
  return span;
}

describe('Vercel AI SDK (ai 7, @ai-sdk/openai, @ai-sdk/anthropic) under --import ./register.js', () => {
  const fixtures = AI_CALLS.map((c) => loadFixture(c.fixture));
  const byTelemetry = (t: Telemetry) => AI_CALLS.filter((c) => c.telemetry === t).map((c) => c.fixture);
  let receiver: OtlpReceiver;
  let replay: Replay;
  let spans: ReceivedSpan[];

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(aiSdkDriver, fixtures, receiver);
    // The integration's own spans (a root and a model-call span per call) come in the same exports.
    await receiver.waitForSpans((all) => all.length >= fixtures.length + 2 * byTelemetry('otel').length, 10_000).catch(() => undefined);
    spans = receiver.spans;
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  it('runs every call to completion', () => {
    expect(replay.run.code, replay.run.stderr).toBe(0);
    expect(replay.fixtures.map((f) => [f.fixture.name, f.result?.ok])).toEqual(fixtures.map((f) => [f.name, true]));
    expect(replay.fixtures.map((f) => f.requests)).toEqual(fixtures.map(() => 1));
  });

  it('exports exactly one llm-otel span per HTTP call', () => {
    expect(spans.filter((s) => s.scope.name === OUR_SCOPE)).toHaveLength(fixtures.length);
  });

  it.each(AI_CALLS.map((c) => [c.fixture, c] as const))('%s: span carries every expected value', (name) => {
    expectOurFixtureSpan(replay, name);
  });

  it('reports the same token counts the AI SDK itself reports for each call', () => {
    for (const { fixture, span, result } of replay.fixtures) {
      const usage = result?.usage as { input?: number; output?: number };
      expect([span?.attributes['gen_ai.usage.input_tokens'], span?.attributes['gen_ai.usage.output_tokens']], fixture.name).toEqual([
        usage.input,
        usage.output,
      ]);
    }
  });

  it('telemetry off, or isEnabled without an integration: ai 7 adds no spans; ours are roots', () => {
    for (const name of [...byTelemetry('off'), ...byTelemetry('enabled')]) {
      const span = expectOurFixtureSpan(replay, name);
      expect(span.parentSpanId, name).toBeUndefined();
      expect(spans.filter((s) => s.traceId === span.traceId).map((s) => s.name), name).toEqual([span.name]);
    }
  });

  it('with @ai-sdk/otel registered: its spans wrap ours, one GenAI HTTP span per call still', () => {
    for (const name of byTelemetry('otel')) {
      const ours = expectOurFixtureSpan(replay, name);
      const trace = spans.filter((s) => s.traceId === ours.traceId);
      const parent = trace.find((s) => s.spanId === ours.parentSpanId);
      expect(parent, `${name}: our span's parent is the integration's model-call span`).toBeDefined();
      expect(parent!.scope.name).not.toBe(OUR_SCOPE);
      expect([parent!.kind, parent!.name]).toEqual([3, `chat ${recordedModel(loadFixture(name))}`]);
      // Above the model-call span: the integration's step span, then its invoke_agent root.
      const ancestors: ReceivedSpan[] = [];
      for (let s = parent; s; s = trace.find((t) => t.spanId === s!.parentSpanId)) ancestors.push(s);
      expect(ancestors.map((s) => s.attributes['gen_ai.operation.name']), name).toEqual(['chat', 'agent_step', 'invoke_agent']);
      expect(ancestors.at(-1)!.parentSpanId, name).toBeUndefined();
      // Exactly one span in the trace is ours: no second HTTP-level span and no token sum on ours.
      expect(trace.filter((s) => s.scope.name === OUR_SCOPE)).toEqual([ours]);
      // The integration's model-call span repeats the same counts; a backend that sums usage
      // over every span of a trace counts this call twice (see docs/frameworks.md).
      expect(parent!.attributes['gen_ai.usage.input_tokens']).toBe(ours.attributes['gen_ai.usage.input_tokens']);
    }
  });
});

describe('LangChain (@langchain/openai ChatOpenAI) under --import ./register.js', () => {
  const fixtures = LANGCHAIN_CALLS.map((c) => loadFixture(c.fixture));
  const getReplay = useReplay(langChainDriver, fixtures, { chunkBytes: 31 });

  it('runs invoke and stream to completion', () => {
    const replay = getReplay();
    expect(replay.run.code, replay.run.stderr).toBe(0);
    expect(replay.fixtures.map((f) => [f.fixture.name, f.result?.ok])).toEqual(fixtures.map((f) => [f.name, true]));
  });

  it('exports exactly one span per call, ours, as a root (LangChain makes no OTel spans)', () => {
    const replay = getReplay();
    const names = replay.spans.map((s) => `${s.scope.name}: ${s.name}`).sort();
    expect(names).toEqual([`${OUR_SCOPE}: chat gpt-3.5-turbo`, `${OUR_SCOPE}: chat gpt-3.5-turbo`]);
    for (const { fixture } of replay.fixtures) expect(expectOurFixtureSpan(replay, fixture.name).parentSpanId).toBeUndefined();
  });

  it('matches the usage LangChain read from the same response', () => {
    const invoke = replayOf(getReplay(), LANGCHAIN_CALLS[0].fixture);
    const usage = invoke.result?.usage as { input_tokens: number; output_tokens: number };
    expect([invoke.span?.attributes['gen_ai.usage.input_tokens'], invoke.span?.attributes['gen_ai.usage.output_tokens']]).toEqual([
      usage.input_tokens,
      usage.output_tokens,
    ]);
  });
});
