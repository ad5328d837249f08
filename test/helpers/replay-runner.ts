import type { Fixture } from './fixtures.js';
import { startReplayServer, type ReplayOptions, type ReplayServer } from './replay-server.js';
import type { OtlpReceiver, ReceivedSpan } from './otlp-receiver.js';
import { runTracedApp, type AppRun } from './run-traced-app.js';
import { recordFixtureReplays } from './fixture-report.js';
import { mappedApiFor } from './mapped-api.js';
import { hasWireSignature, providerOnUnknownHost } from './unknown-host.js';

/**
 * How one client (an official SDK, or raw fetch) replays recordings. A driver names the child
 * app that makes the calls and builds one plan step per fixture; the runner does the rest.
 */
export interface ReplayDriver {
  /** Label for reports, e.g. `openai@7`. */
  readonly client: string;
  /** Absolute path of the child app (run under `--import ./register.js`). */
  readonly app: string;
  /** One step of the app's plan (passed to it as JSON in REPLAY_PLAN). */
  step(fixture: Fixture, server: ReplayServer): unknown;
}

export interface FixtureReplay {
  fixture: Fixture;
  /** The span whose id the server received in `traceparent` for this fixture's request. */
  span?: ReceivedSpan;
  /** What the app printed for this fixture (`{ fixture, ok, ... }`). */
  result?: Record<string, unknown>;
  /** Requests the server received for this fixture. */
  requests: number;
  /** The client that made the call (a driver may fall back to fetch for a call its SDK lacks). */
  client: string;
  /** The `gen_ai.provider.name` the span must carry: the fixture's, or what an unknown host can tell. */
  provider: string;
}

/** A plan step's own client label, when the driver records one (`fetch` for a fallback). */
function clientOfStep(step: unknown): string | undefined {
  const client = (step as { client?: unknown } | undefined)?.client;
  return client === 'fetch' ? 'fetch' : undefined;
}

export interface Replay {
  run: AppRun;
  servers: Map<string, ReplayServer>;
  spans: ReceivedSpan[];
  fixtures: FixtureReplay[];
  close(): Promise<void>;
}

export interface ReplayRunOptions extends ReplayOptions {
  env?: Record<string, string>;
  extraYaml?: string[];
  /**
   * No `providers:` mapping for the servers: each is then an unknown host to the instrumentation,
   * as a company gateway or a local proxy is, and a call must be recognised by its own wire
   * signature (see unknown-host.ts; providers whose API has none keep their mapping).
   */
  unmapped?: boolean;
}

/**
 * Replays `fixtures` through `driver` in one child process. Each provider gets its own server on
 * 127.0.0.1, mapped to that provider in the YAML (`providers:`), as a user maps a gateway, unless
 * `options.unmapped` names it.
 */
export async function replayWithDriver(
  driver: ReplayDriver,
  fixtures: Fixture[],
  receiver: OtlpReceiver,
  options: ReplayRunOptions = {},
): Promise<Replay> {
  const servers = new Map<string, ReplayServer>();
  for (const provider of new Set(fixtures.map((f) => f.provider))) servers.set(provider, await startReplayServer(options));
  const plan = fixtures.map((f) => driver.step(f, servers.get(f.provider)!));
  const mappings = [...servers]
    .filter(([provider]) => !options.unmapped || !hasWireSignature(provider))
    .map(([provider, s]) => {
      const api = mappedApiFor(provider, fixtures.filter((f) => f.provider === provider));
      return `      - { host: "127.0.0.1:${s.port}", provider: ${provider}, api: ${api} }`;
    });
  const before = receiver.spans.length;
  const run = await runTracedApp(driver.app, {
    env: { REPLAY_PLAN: JSON.stringify(plan), OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`, ...options.env },
    configYaml: [
      'observability:',
      '  tracing:',
      '    resource: { service_name: replay-test }',
      ...(options.extraYaml ?? []),
      ...(mappings.length > 0 ? ['    providers:', ...mappings] : []),
      '',
    ].join('\n'),
    timeoutMs: 60_000,
  });
  const received = [...servers.values()].reduce((n, s) => n + s.received.length, 0);
  // On a shortfall, go on with what arrived: the per-fixture checks then name what is missing.
  await receiver.waitForSpans((all) => all.length - before >= received, 10_000).catch(() => undefined);
  const spans = receiver.spans.slice(before);
  const results = run.results as Array<Record<string, unknown>>;
  const replays: FixtureReplay[] = fixtures.map((fixture, index) => {
    const requests = servers.get(fixture.provider)!.received.filter((r) => r.fixture === fixture.name);
    const [, traceId, spanId] = String(requests.at(-1)?.headers.traceparent ?? '').split('-');
    return {
      fixture,
      span: spans.find((s) => s.traceId === traceId && s.spanId === spanId),
      result: results.find((r) => r.fixture === fixture.name),
      requests: requests.length,
      client: clientOfStep(plan[index]) ?? driver.client,
      provider: options.unmapped ? providerOnUnknownHost(fixture) : fixture.provider,
    };
  });
  recordFixtureReplays(options.unmapped ? `${driver.client}, unknown host` : driver.client, replays);
  return {
    run,
    servers,
    spans,
    fixtures: replays,
    close: async () => {
      for (const server of servers.values()) await server.close();
    },
  };
}
