import path from 'node:path';
import type { Fixture } from '../../helpers/fixtures.js';
import type { ReplayServer } from '../../helpers/replay-server.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import type { ReplayDriver } from '../../helpers/replay-runner.js';

export const isMistral = (fixture: Fixture) => fixture.provider === 'mistral_ai';

/**
 * The `@mistralai/mistralai` SDK (`new Mistral({ serverURL })`), per
 * test/e2e/apps/mistral-replay.mjs. Mistral speaks the OpenAI API, so the mapping names `openai`.
 */
export const mistralDriver: ReplayDriver = {
  client: '@mistralai/mistralai@2',
  app: path.join(REPO_ROOT, 'test/e2e/apps/mistral-replay.mjs'),
  step: (fixture: Fixture, server: ReplayServer) => ({
    fixture: fixture.name,
    api: fixture.api,
    baseUrl: server.baseUrl(fixture.name),
    body: fixture.request.body,
  }),
};
