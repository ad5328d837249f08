import path from 'node:path';
import type { Fixture } from '../../helpers/fixtures.js';
import type { ReplayServer } from '../../helpers/replay-server.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import type { ReplayDriver } from '../../helpers/replay-runner.js';

export const isCohere = (fixture: Fixture) => fixture.provider === 'cohere';

/** The `cohere-ai` SDK (CohereClient for v1, CohereClientV2 for v2), per test/e2e/apps/cohere-replay.mjs. */
export const cohereDriver: ReplayDriver = {
  client: 'cohere-ai@8',
  app: path.join(REPO_ROOT, 'test/e2e/apps/cohere-replay.mjs'),
  step: (fixture: Fixture, server: ReplayServer) => ({
    fixture: fixture.name,
    api: fixture.api,
    baseUrl: server.baseUrl(fixture.name),
    body: fixture.request.body,
  }),
};
