import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { checkFixtureSpan, describeFailures } from '../helpers/expected-attributes.js';
import { isOllama, ollamaDriver } from './drivers/ollama-driver.js';
import { replayWithDriver, type Replay } from './replay-runner.js';

const fixtures = listFixtures(isOllama);

/**
 * All 8 Ollama recordings through the `ollama` client (chat, generate, embeddings; NDJSON
 * streams split into 17-byte chunks so lines cross chunk edges) under `--import ./register.js`.
 */
describe('Ollama recordings through the ollama client', () => {
  let receiver: OtlpReceiver;
  let replay: Replay;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(ollamaDriver, fixtures, receiver, { chunkBytes: 17 });
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  it('covers the 8 Ollama recordings', () => {
    expect(fixtures).toHaveLength(8);
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

  it('streams reached the client line by line', () => {
    const streamed = replay.fixtures.filter((f) => f.fixture.stream);
    expect(streamed).toHaveLength(3);
    for (const { fixture, result } of streamed) {
      const lines = (fixture.response.body as string).split('\n').filter((l) => l.trim()).length;
      expect(result?.events, fixture.name).toBe(lines);
    }
  });
});
