import path from 'node:path';
import type { Fixture } from '../../helpers/fixtures.js';
import type { ReplayServer } from '../../helpers/replay-server.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import type { ReplayDriver } from '../../helpers/replay-runner.js';

/** Providers replayed with plain fetch, and the config `api` each one's mapping names. */
const API_BY_PROVIDER: Readonly<Record<string, string>> = {
  'ibm.watsonx.ai': 'watsonx',
  aleph_alpha: 'aleph_alpha',
  voyageai: 'voyage',
  writer: 'openai',
};

export const isFetchMisc = (fixture: Fixture) => fixture.provider in API_BY_PROVIDER;

/** Plain fetch to the recorded path and query, per test/e2e/apps/fetch-misc-replay.mjs. */
export const fetchMiscDriver: ReplayDriver = {
  client: 'fetch',
  app: path.join(REPO_ROOT, 'test/e2e/apps/fetch-misc-replay.mjs'),
  apiFor: (provider) => API_BY_PROVIDER[provider] ?? 'openai',
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
