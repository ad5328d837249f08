import path from 'node:path';
import type { Fixture } from '../../helpers/fixtures.js';
import type { ReplayServer } from '../../helpers/replay-server.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import type { ReplayDriver } from '../../helpers/replay-runner.js';

export const isOllama = (fixture: Fixture) => fixture.provider === 'ollama';

/** The `ollama` client (`new Ollama({ host })`), per test/e2e/apps/ollama-replay.mjs. */
export const ollamaDriver: ReplayDriver = {
  client: 'ollama@0.6',
  app: path.join(REPO_ROOT, 'test/e2e/apps/ollama-replay.mjs'),
  step: (fixture: Fixture, server: ReplayServer) => ({
    fixture: fixture.name,
    api: fixture.api,
    baseUrl: server.baseUrl(fixture.name),
    body: fixture.request.body,
  }),
};
