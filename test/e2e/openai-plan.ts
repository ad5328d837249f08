import type { Fixture } from '../helpers/fixtures.js';
import type { ReplayServer } from '../helpers/replay-server.js';

/** Providers whose recordings speak the OpenAI API (their SDK is the `openai` client). */
export const OPENAI_COMPATIBLE_PROVIDERS = ['openai', 'azure.ai.openai', 'groq', 'deepseek', 'together', 'mistral_ai', 'writer'];

/** API path endings, to split a recorded URL into the SDK's base path and the call. */
const CALL_PATHS = ['/chat/completions', '/completions', '/embeddings', '/responses', '/images/generations', '/chat'];

export type ClientName = 'openai7' | 'openai6' | 'fetch';

export interface ReplayStep {
  fixture: string;
  provider: string;
  api: string;
  client: ClientName;
  baseUrl: string;
  basePath: string;
  path: string;
  body: unknown;
  query?: Record<string, string>;
  deployment?: string;
}

/** Which client replays a fixture: the SDK where it has the call, raw fetch otherwise. */
function clientFor(fixture: Fixture, sdk: ClientName): ClientName {
  if (fixture.api === 'threads.runs' || fixture.provider === 'writer') return 'fetch';
  return sdk;
}

export function replayStep(fixture: Fixture, server: ReplayServer, sdk: ClientName): ReplayStep {
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
}
