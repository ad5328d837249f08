import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { checkFixtureSpan, describeFailures } from '../helpers/expected-attributes.js';
import { bedrockDriver, isBedrock } from './drivers/bedrock-driver.js';
import { replayWithDriver, type Replay } from './replay-runner.js';

const fixtures = listFixtures(isBedrock);

/**
 * All 28 Bedrock recordings through `@aws-sdk/client-bedrock-runtime` in one child per transport
 * under `--import ./register.js`: the SDK's default NodeHttp2Handler (every command over HTTP/2,
 * h2c to the replay server) and its NodeHttpHandler (HTTP/1.1). Event streams go out in 29-byte
 * pieces, so frames are split across DATA frames / chunks.
 */
describe.each([
  ['http2', { http2: true, chunkBytes: 29 }],
  ['http1', { chunkBytes: 29 }],
] as const)('Bedrock recordings through @aws-sdk/client-bedrock-runtime over %s', (transport, serverOptions) => {
  let receiver: OtlpReceiver;
  let replay: Replay;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(bedrockDriver(transport), fixtures, receiver, serverOptions);
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  it('covers the 28 Bedrock recordings', () => {
    expect(fixtures).toHaveLength(28);
  });

  it('runs the app to completion; the SDK accepts every 2xx and throws on the 403', () => {
    expect(replay.run.code, replay.run.stderr).toBe(0);
    expect(replay.run.stderr).not.toMatch(/llm-otel/);
    expect(replay.fixtures.map((f) => [f.fixture.name, f.result?.ok])).toEqual(fixtures.map((f) => [f.name, f.response.status < 400]));
    const failed = replay.fixtures.find((f) => f.fixture.response.status >= 400);
    expect(failed?.result?.error).toBe('InvalidSignatureException');
  });

  it(`reached the server over ${transport === 'http2' ? 'HTTP/2' : 'HTTP/1.1'}`, () => {
    const requests = [...replay.servers.values()].flatMap((s) => s.received);
    expect(requests).toHaveLength(fixtures.length);
    // HTTP/2 requests carry pseudo-headers; HTTP/1.1 requests a Host header.
    for (const request of requests) expect(':method' in request.headers).toBe(transport === 'http2');
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

  it('sent the app the recorded body bytes of every InvokeModel call', () => {
    const invokes = replay.fixtures.filter((f) => f.fixture.api === 'invokeModel');
    expect(invokes).toHaveLength(9);
    for (const { fixture, result } of invokes) {
      const sent = replay.servers.get(fixture.provider)!.received.find((r) => r.fixture === fixture.name)!;
      expect(result?.sha256, fixture.name).toBe(sent.responseSha256);
    }
  });

  it('streams reached the SDK whole: every event of every stream was decoded', () => {
    const streamed = replay.fixtures.filter((f) => f.fixture.stream && f.fixture.response.status < 400);
    expect(streamed).toHaveLength(13);
    for (const { fixture, result } of streamed) expect(result?.events, fixture.name).toBe(frameCount(fixture.response.body as string));
  });
});

/** Frames in a recorded event-stream body (each starts with its big-endian total length). */
function frameCount(base64: string): number {
  const bytes = Buffer.from(base64, 'base64');
  let count = 0;
  for (let offset = 0; offset < bytes.length; offset += bytes.readUInt32BE(offset)) count += 1;
  return count;
}
