import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { checkFixtureSpan, describeFailures } from '../helpers/expected-attributes.js';
import { isMistral, mistralDriver } from './drivers/mistral-driver.js';
import { replayWithDriver, type Replay } from './replay-runner.js';

const fixtures = listFixtures(isMistral);

/**
 * The 3 Mistral recordings through Mistral's own SDK (chat.complete, chat.stream,
 * embeddings.create), in addition to their replay through the `openai` client.
 */
describe('Mistral recordings through @mistralai/mistralai', () => {
  let receiver: OtlpReceiver;
  let replay: Replay;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(mistralDriver, fixtures, receiver, { compress: true, chunkBytes: 29 });
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  it('covers the 3 Mistral recordings', () => {
    expect(fixtures.map((f) => f.api)).toEqual(['chat.completions', 'chat.completions', 'embeddings']);
  });

  it('runs the app to completion with every call answered', () => {
    expect(replay.run.code, replay.run.stderr).toBe(0);
    expect(replay.fixtures.map((f) => [f.fixture.name, f.result?.ok])).toEqual(fixtures.map((f) => [f.name, true]));
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
    expect(span!.name).toBe(`${fixture.expected.operation} ${fixture.expected.model_request}`);
  });

  it('sent the SDK request the recording holds (same model, messages and stream flag)', () => {
    for (const { fixture } of replay.fixtures) {
      const sent = JSON.parse(replay.servers.get('mistral_ai')!.received.find((r) => r.fixture === fixture.name)!.body);
      const recorded = fixture.request.body as Record<string, unknown>;
      expect(sent.model, fixture.name).toBe(recorded.model);
      expect(sent.messages, fixture.name).toEqual(recorded.messages);
      expect(sent.stream ?? false, fixture.name).toBe(recorded.stream ?? false);
    }
  });
});
