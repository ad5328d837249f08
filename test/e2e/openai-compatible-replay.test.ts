import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { checkFixtureSpan, describeFailures } from '../helpers/expected-attributes.js';
import { isOpenAiCompatible, openAiDriver } from './drivers/openai-driver.js';
import { replayWithDriver, type Replay } from './replay-runner.js';

const fixtures = listFixtures(isOpenAiCompatible);

/**
 * Every OpenAI-compatible recording through the `openai` SDK 7.x (gzip responses, as the API
 * sends them), 6.x (streams split into 37-byte chunks) and raw fetch, each in a child process
 * under `--import ./register.js`, spans received over OTLP/gRPC.
 */
describe.each([
  ['openai7', { compress: true }],
  ['openai6', { chunkBytes: 37 }],
  ['fetch', {}],
] as const)('OpenAI-compatible recordings through %s', (client, serverOptions) => {
  let receiver: OtlpReceiver;
  let replay: Replay;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(openAiDriver(client), fixtures, receiver, serverOptions);
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  it('runs the app to completion with every call answered', () => {
    expect(replay.run.code, replay.run.stderr).toBe(0);
    expect(replay.run.results).toHaveLength(fixtures.length);
  });

  it('exports exactly one span per LLM call', () => {
    expect(replay.fixtures.map((f) => f.requests)).toEqual(fixtures.map(() => 1));
    expect(replay.spans).toHaveLength(fixtures.length);
  });

  it.each(fixtures.map((f) => [f.name] as const))('%s: span carries every expected value', (name) => {
    const { fixture, span } = replay.fixtures.find((f) => f.fixture.name === name)!;
    expect(span, `no span whose id matches the traceparent the server received for ${name}`).toBeDefined();
    expect(describeFailures(name, checkFixtureSpan(fixture, span!))).toEqual([]);
    expect(span!.kind).toBe(3); // CLIENT
    expect(span!.parentSpanId).toBeUndefined();
    const model = fixture.expected.model_request;
    expect(span!.name).toBe(model ? `${fixture.expected.operation} ${model}` : fixture.expected.operation);
  });

  if (client === 'fetch') {
    it('hands the app every response byte unchanged', () => {
      for (const { fixture, result } of replay.fixtures) {
        const sent = replay.servers.get(fixture.provider)!.received.find((r) => r.fixture === fixture.name)!;
        expect(result?.sha256, fixture.name).toBe(sent.responseSha256);
      }
    });
  }
});
