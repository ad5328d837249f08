import path from 'node:path';
import type { Fixture } from '../../helpers/fixtures.js';
import type { ReplayServer } from '../../helpers/replay-server.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import type { ReplayDriver } from '../../helpers/replay-runner.js';

/** Providers replayed with plain fetch (no SDK of theirs in the matrix). */
const FETCH_MISC_PROVIDERS: ReadonlySet<string> = new Set(['ibm.watsonx.ai', 'aleph_alpha', 'voyageai', 'writer']);

export const isFetchMisc = (fixture: Fixture) => FETCH_MISC_PROVIDERS.has(fixture.provider);

/** Plain fetch to the recorded path and query, per test/e2e/apps/fetch-misc-replay.mjs. */
export const fetchMiscDriver: ReplayDriver = {
  client: 'fetch',
  app: path.join(REPO_ROOT, 'test/e2e/apps/fetch-misc-replay.mjs'),
  step(fixture: Fixture, server: ReplayServer) {
    const url = new URL(fixture.request.url);
    return {
      fixture: fixture.name,
      baseUrl: server.baseUrl(fixture.name),
      path: url.pathname + url.search,
      accept: fixture.request.headers.accept,
      body: fixture.request.body,
    };
  },
};
