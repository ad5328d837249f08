import path from 'node:path';
import type { Fixture } from '../../helpers/fixtures.js';
import type { ReplayServer } from '../../helpers/replay-server.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import type { ReplayDriver } from '../../helpers/replay-runner.js';

/** Providers whose recordings speak the OpenAI API (their SDK is the `openai` client). */
const OPENAI_COMPATIBLE_PROVIDERS = ['openai', 'azure.ai.openai', 'groq', 'deepseek', 'together', 'mistral_ai', 'writer'];

export const isOpenAiCompatible = (fixture: Fixture) => OPENAI_COMPATIBLE_PROVIDERS.includes(fixture.provider);

/** API path endings, to split a recorded URL into the SDK's base path and the call. */
const CALL_PATHS = ['/chat/completions', '/completions', '/embeddings', '/responses', '/images/generations', '/chat'];

export type OpenAiClientName = 'openai7' | 'openai6' | 'fetch';

/** Which client replays a fixture: the SDK where it has the call, raw fetch otherwise. */
function clientFor(fixture: Fixture, sdk: OpenAiClientName): OpenAiClientName {
  if (fixture.api === 'threads.runs' || fixture.provider === 'writer') return 'fetch';
  return sdk;
}

/** The `openai` SDK (7.x as `openai`, 6.x as `openai6`) or raw fetch, per test/e2e/apps/openai-replay.mjs. */
export function openAiDriver(sdk: OpenAiClientName): ReplayDriver {
  return {
    client: sdk === 'fetch' ? 'fetch' : sdk === 'openai7' ? 'openai@7' : 'openai@6',
    app: path.join(REPO_ROOT, 'test/e2e/apps/openai-replay.mjs'),
    step(fixture: Fixture, server: ReplayServer) {
      const url = new URL(fixture.request.url);
      const end = CALL_PATHS.find((p) => url.pathname.endsWith(p)) ?? '';
      const deployment = /\/openai\/deployments\/([^/]+)\//.exec(url.pathname)?.[1];
      return {
        fixture: fixture.name,
        provider: fixture.provider,
        api: fixture.api,
        client: clientFor(fixture, sdk),
        baseUrl: server.baseUrl(fixture.name),
        basePath: end ? url.pathname.slice(0, -end.length) : url.pathname,
        path: url.pathname + url.search,
        body: fixture.request.body,
        query: Object.fromEntries(url.searchParams),
        deployment: deployment ? decodeURIComponent(deployment) : undefined,
      };
    },
  };
}
