import path from 'node:path';
import type { Fixture } from '../../helpers/fixtures.js';
import type { ReplayServer } from '../../helpers/replay-server.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import type { ReplayDriver } from '../../helpers/replay-runner.js';

/** Which child app reads bodies, and with which patterns (see test/faults/apps/*-body-patterns.mjs). */
export interface BodyPatternFamily {
  readonly label: string;
  readonly app: 'fetch-body-patterns.mjs' | 'http-body-patterns.mjs';
  readonly patterns: readonly string[];
}

/**
 * Replays every recording with its recorded method, path, query and body, once per reading
 * pattern. The child names the pattern in an `x-body-pattern` request header, which the replay
 * server records next to the `traceparent`, so each request finds its span. The child reads the
 * request body from the fixture file itself: 144 bodies would not fit in one environment variable.
 */
export function bodyPatternDriver(family: BodyPatternFamily): ReplayDriver {
  return {
    client: family.label,
    app: path.join(REPO_ROOT, 'test/faults/apps', family.app),
    step(fixture: Fixture, server: ReplayServer) {
      const url = new URL(fixture.request.url);
      return {
        fixture: fixture.name,
        url: `${server.baseUrl(fixture.name)}${url.pathname}${url.search}`,
        method: fixture.request.method,
        accept: fixture.request.headers.accept,
      };
    },
  };
}
