import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { checkFixtureSpan, describeFailures } from '../helpers/expected-attributes.js';
import { fetchMiscDriver, isFetchMisc } from './drivers/fetch-misc-driver.js';
import { replayWithDriver, type Replay } from './replay-runner.js';

const fixtures = listFixtures(isFetchMisc);

/**
 * watsonx.ai, Aleph Alpha, Voyage AI and Writer have no SDK installed here; their recordings go
 * through plain fetch, as their REST docs show, with streams split into 19-byte chunks.
 */
describe('watsonx.ai, Aleph Alpha, Voyage and Writer recordings through fetch', () => {
  let receiver: OtlpReceiver;
  let replay: Replay;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(fetchMiscDriver, fixtures, receiver, { compress: true, chunkBytes: 19 });
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  it('covers 2 watsonx, 1 Aleph Alpha, 1 Voyage and 2 Writer recordings', () => {
    expect(fixtures.map((f) => f.provider)).toEqual(['aleph_alpha', 'ibm.watsonx.ai', 'ibm.watsonx.ai', 'voyageai', 'writer', 'writer']);
  });

  it('runs the app to completion with every call answered', () => {
    expect(replay.run.code, replay.run.stderr).toBe(0);
    expect(replay.fixtures.map((f) => [f.fixture.name, f.result?.status])).toEqual(fixtures.map((f) => [f.name, f.response.status]));
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

  it('hands the app every response byte unchanged', () => {
    for (const { fixture, result } of replay.fixtures) {
      const sent = replay.servers.get(fixture.provider)!.received.find((r) => r.fixture === fixture.name)!;
      expect(result?.sha256, fixture.name).toBe(sent.responseSha256);
    }
  });
});
