import { LLM_APIS, ProviderRegistry } from '../../src/providers/registry.js';
import type { HttpRequestInfo } from '../../src/providers/types.js';
import type { Fixture } from './fixtures.js';

const registry = new ProviderRegistry();

function recordedRequest(fixture: Fixture): HttpRequestInfo {
  return { method: fixture.request.method, url: new URL(fixture.request.url) };
}

/**
 * The `api:` a replay maps one provider's local server to, derived from the registry rather than
 * kept in a table beside it: the API that recognises the recordings at their real hosts and,
 * mapped, still reads every one of them. A provider may speak two formats (Ollama's `/api/chat`
 * and its OpenAI-compatible `/v1/...`); then the one whose match covers both wins.
 */
export function mappedApiFor(provider: string, fixtures: readonly Fixture[]): string {
  const recorded = new Set(fixtures.map((f) => registry.match(recordedRequest(f))?.api.name));
  const api = LLM_APIS.filter((a) => recorded.has(a.name)).find((a) =>
    fixtures.every((f) => a.match(recordedRequest(f), provider) !== undefined),
  );
  if (!api) throw new Error(`no single API reads every ${provider} recording (${fixtures.map((f) => f.name).join(', ')})`);
  return api.name;
}
