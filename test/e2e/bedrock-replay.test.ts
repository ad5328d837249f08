import { describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { bedrockDriver, isBedrock } from './drivers/bedrock-driver.js';
import { expectResponseBytesUnchanged, okUnlessErrorStatus, standardReplayTests, useReplay } from './replay-suite.js';

const fixtures = listFixtures(isBedrock);

/**
 * All 28 Bedrock recordings through `@aws-sdk/client-bedrock-runtime` in one child per transport
 * under `--import ./register.js`: the SDK's default NodeHttp2Handler (every command over HTTP/2,
 * h2c to the replay server) and its NodeHttpHandler (HTTP/1.1). Event streams go out in 29-byte
 * pieces, so frames are split across DATA frames / chunks. Over HTTP/2 the server is a host nobody
 * mapped: the calls are recognised by their `/model/<id>/<action>` path and the SigV4
 * `Authorization` whose credential scope names `bedrock`.
 */
describe.each([
  ['http2', { http2: true, chunkBytes: 29, unmapped: true }],
  ['http1', { chunkBytes: 29 }],
] as const)('Bedrock recordings through @aws-sdk/client-bedrock-runtime over %s', (transport, serverOptions) => {
  const replay = useReplay(bedrockDriver(transport), fixtures, serverOptions);

  it('covers the 28 Bedrock recordings', () => {
    expect(fixtures).toHaveLength(28);
  });

  standardReplayTests(replay, fixtures, {
    completionTitle: 'runs the app to completion; the SDK accepts every 2xx and throws on the 403',
    result: okUnlessErrorStatus,
  });

  it('the 403 surfaces as the SDK\'s InvalidSignatureException, and llm-otel logs nothing', () => {
    expect(replay().run.stderr).not.toMatch(/llm-otel/);
    const failed = replay().fixtures.find((f) => f.fixture.response.status >= 400);
    expect(failed?.result?.error).toBe('InvalidSignatureException');
  });

  it(`reached the server over ${transport === 'http2' ? 'HTTP/2' : 'HTTP/1.1'}`, () => {
    const requests = [...replay().servers.values()].flatMap((s) => s.received);
    expect(requests).toHaveLength(fixtures.length);
    // HTTP/2 requests carry pseudo-headers; HTTP/1.1 requests a Host header.
    for (const request of requests) expect(':method' in request.headers).toBe(transport === 'http2');
  });

  it('sent the app the recorded body bytes of every InvokeModel call', () => {
    const invokes = replay().fixtures.filter((f) => f.fixture.api === 'invokeModel');
    expect(invokes).toHaveLength(9);
    expectResponseBytesUnchanged(replay(), invokes);
  });

  it('streams reached the SDK whole: every event of every stream was decoded', () => {
    const streamed = replay().fixtures.filter((f) => f.fixture.stream && f.fixture.response.status < 400);
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
