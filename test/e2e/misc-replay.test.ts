import { describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { fetchMiscDriver, isFetchMisc } from './drivers/fetch-misc-driver.js';
import { standardReplayTests, useReplay } from './replay-suite.js';

const fixtures = listFixtures(isFetchMisc);

/**
 * watsonx.ai, Aleph Alpha, Voyage AI and Writer have no SDK installed here; their recordings go
 * through plain fetch, as their REST docs show, with streams split into 19-byte chunks. The
 * watsonx.ai server is a host nobody mapped (recognised by its `/ml/v1.../` path and `version`
 * query); the others have no wire signature and keep their mapping.
 */
describe('watsonx.ai, Aleph Alpha, Voyage and Writer recordings through fetch', () => {
  const replay = useReplay(fetchMiscDriver, fixtures, { compress: true, chunkBytes: 19, unmapped: true });

  it('covers 2 watsonx, 1 Aleph Alpha, 1 Voyage and 2 Writer recordings', () => {
    expect(fixtures.map((f) => f.provider)).toEqual(['aleph_alpha', 'ibm.watsonx.ai', 'ibm.watsonx.ai', 'voyageai', 'writer', 'writer']);
  });

  standardReplayTests(replay, fixtures, {
    // fetch resolves on any status; the app got the recorded one.
    result: (fixture) => ({ status: fixture.response.status }),
    unchangedBytes: true,
  });
});
