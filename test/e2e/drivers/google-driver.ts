import path from 'node:path';
import type { Fixture } from '../../helpers/fixtures.js';
import type { ReplayServer } from '../../helpers/replay-server.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import type { ReplayDriver } from '../../helpers/replay-runner.js';

export const isGoogle = (fixture: Fixture) => fixture.provider === 'gcp.gemini' || fixture.provider === 'gcp.vertex_ai';

export type GoogleClientName = 'genai' | 'fetch';

const VERTEX_PATH = /^\/(v[^/]+)\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/google\/models\/([^/:]+):(\w+)$/;
const GEMINI_PATH = /^\/(v[^/]+)\/models\/([^/:]+):(\w+)$/;

/**
 * The recorded Vertex calls with `$alt=json;enum-encoding=int` came from the Python `vertexai`
 * SDK; `@google/genai` has no way to add that query (it only ever adds `alt=sse`), so those go
 * through fetch with the recorded path and query, byte for byte.
 */
function needsRecordedQuery(url: URL): boolean {
  return [...url.searchParams.keys()].some((key) => key !== 'alt');
}

/** `@google/genai` (Gemini API and Vertex AI backends) or raw fetch, per test/e2e/apps/google-replay.mjs. */
export function googleDriver(sdk: GoogleClientName): ReplayDriver {
  return {
    client: sdk === 'genai' ? '@google/genai' : 'fetch',
    app: path.join(REPO_ROOT, 'test/e2e/apps/google-replay.mjs'),
    step(fixture: Fixture, server: ReplayServer) {
      const url = new URL(fixture.request.url);
      const vertex = VERTEX_PATH.exec(url.pathname);
      const gemini = GEMINI_PATH.exec(url.pathname);
      const common = {
        fixture: fixture.name,
        baseUrl: server.baseUrl(fixture.name),
        path: url.pathname + url.search,
        stream: fixture.stream,
        client: sdk === 'fetch' || needsRecordedQuery(url) ? 'fetch' : 'genai',
      };
      if (vertex) {
        const [, apiVersion, project, location, model] = vertex;
        return { ...common, backend: 'vertex', apiVersion, project, location, model };
      }
      const [, apiVersion, model] = gemini ?? [];
      return { ...common, backend: 'gemini', apiVersion, model };
    },
  };
}
