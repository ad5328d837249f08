import path from 'node:path';
import type { Fixture } from '../../helpers/fixtures.js';
import type { ReplayServer } from '../../helpers/replay-server.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import type { ReplayDriver } from '../../helpers/replay-runner.js';

export const isAnthropic = (fixture: Fixture) => fixture.provider === 'anthropic';

/**
 * Which SDK call replays a fixture: `/v1/complete` is the legacy Text Completions API, and a
 * recorded `?beta=true` query is what `client.beta.messages.create` sends.
 */
function callFor(fixture: Fixture): string {
  const url = new URL(fixture.request.url);
  if (url.pathname.endsWith('/v1/complete')) return 'complete';
  return url.searchParams.get('beta') === 'true' ? 'beta.messages' : 'messages';
}

/** The official `@anthropic-ai/sdk`, per test/e2e/apps/anthropic-replay.mjs. */
export function anthropicDriver(): ReplayDriver {
  return {
    client: '@anthropic-ai/sdk',
    app: path.join(REPO_ROOT, 'test/e2e/apps/anthropic-replay.mjs'),
    step(fixture: Fixture, server: ReplayServer) {
      return { fixture: fixture.name, call: callFor(fixture), baseUrl: server.baseUrl(fixture.name) };
    },
  };
}
