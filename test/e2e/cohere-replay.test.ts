import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { checkFixtureSpan, describeFailures } from '../helpers/expected-attributes.js';
import { cohereDriver, isCohere } from './drivers/cohere-driver.js';
import { replayWithDriver, type Replay } from './replay-runner.js';

const fixtures = listFixtures(isCohere);

/**
 * All 11 Cohere recordings through `cohere-ai` 8 (CohereClient v1 chat/chatStream/generate/rerank,
 * CohereClientV2 chat/chatStream/embed) in one child under `--import ./register.js`; JSON bodies
 * gzip-compressed as the API sends them, streams split into 23-byte chunks.
 */
describe('Cohere recordings through cohere-ai', () => {
  let receiver: OtlpReceiver;
  let replay: Replay;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(cohereDriver, fixtures, receiver, { compress: true, chunkBytes: 23 });
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  it('covers the 11 Cohere recordings', () => {
    expect(fixtures).toHaveLength(11);
  });

  it('runs the app to completion; the SDK accepts every 2xx and throws on the 404', () => {
    expect(replay.run.code, replay.run.stderr).toBe(0);
    expect(replay.fixtures.map((f) => [f.fixture.name, f.result?.ok])).toEqual(fixtures.map((f) => [f.name, f.response.status < 400]));
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

  it('streams reached the SDK whole: every stream yielded events', () => {
    const streamed = replay.fixtures.filter((f) => f.fixture.stream && f.fixture.response.status < 400);
    expect(streamed.map((f) => f.fixture.name)).toHaveLength(3);
    for (const { fixture, result } of streamed) expect(result?.events, fixture.name).toBeGreaterThan(10);
  });
});
