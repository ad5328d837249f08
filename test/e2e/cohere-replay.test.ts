import { describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { cohereDriver, isCohere } from './drivers/cohere-driver.js';
import { okUnlessErrorStatus, standardReplayTests, useReplay } from './replay-suite.js';

const fixtures = listFixtures(isCohere);

/**
 * All 11 Cohere recordings through `cohere-ai` 8 (CohereClient v1 chat/chatStream/generate/rerank,
 * CohereClientV2 chat/chatStream/embed) in one child under `--import ./register.js`; JSON bodies
 * gzip-compressed as the API sends them, streams split into 23-byte chunks. The server is a host
 * nobody mapped: the calls are recognised by their path and the SDK's `X-Fern-SDK-Name` header.
 */
describe('Cohere recordings through cohere-ai, to an unknown host', () => {
  const replay = useReplay(cohereDriver, fixtures, { compress: true, chunkBytes: 23, unmapped: true });

  it('covers the 11 Cohere recordings', () => {
    expect(fixtures).toHaveLength(11);
  });

  standardReplayTests(replay, fixtures, {
    completionTitle: 'runs the app to completion; the SDK accepts every 2xx and throws on the 404',
    result: okUnlessErrorStatus,
  });

  it('streams reached the SDK whole: every stream yielded events', () => {
    const streamed = replay().fixtures.filter((f) => f.fixture.stream && f.fixture.response.status < 400);
    expect(streamed.map((f) => f.fixture.name)).toHaveLength(3);
    for (const { fixture, result } of streamed) expect(result?.events, fixture.name).toBeGreaterThan(10);
  });
});
