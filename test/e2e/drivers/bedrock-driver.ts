import path from 'node:path';
import type { Fixture } from '../../helpers/fixtures.js';
import type { ReplayServer } from '../../helpers/replay-server.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import type { ReplayDriver } from '../../helpers/replay-runner.js';

export const isBedrock = (fixture: Fixture) => fixture.provider === 'aws.bedrock';

/** How the AWS SDK reaches the server: its default HTTP/2 handler, or NodeHttpHandler (HTTP/1.1). */
export type BedrockTransport = 'http2' | 'http1';

const RECORDED_PATH = /^\/model\/([^/]+)\/[^/]+$/;

/**
 * `@aws-sdk/client-bedrock-runtime` (BedrockRuntimeClient with Converse, ConverseStream,
 * InvokeModel and InvokeModelWithResponseStream), per test/e2e/apps/bedrock-replay.mjs.
 */
export function bedrockDriver(transport: BedrockTransport): ReplayDriver {
  return {
    client: `@aws-sdk/client-bedrock-runtime (${transport === 'http2' ? 'HTTP/2' : 'HTTP/1.1'})`,
    app: path.join(REPO_ROOT, 'test/e2e/apps/bedrock-replay.mjs'),
    step(fixture: Fixture, server: ReplayServer) {
      const url = new URL(fixture.request.url);
      const modelSegment = RECORDED_PATH.exec(url.pathname)?.[1];
      if (!modelSegment) throw new Error(`${fixture.name}: not a /model/<id>/<action> URL`);
      return {
        fixture: fixture.name,
        api: fixture.api,
        transport,
        endpoint: server.baseUrl(fixture.name),
        // The SDK signs for the region; take the recorded one (`bedrock-runtime.<region>.amazonaws.com`).
        region: url.hostname.split('.')[1],
        modelId: decodeURIComponent(modelSegment),
        body: fixture.request.body,
        contentType: fixture.request.headers['content-type'],
        accept: fixture.request.headers.accept,
      };
    },
  };
}
