import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Fixture } from '../helpers/fixtures.js';
import type { ReceivedRequest } from '../helpers/replay-server.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { checkFixtureSpan, describeFailures } from '../helpers/expected-attributes.js';
import { replayWithDriver, type FixtureReplay, type Replay, type ReplayDriver, type ReplayRunOptions } from '../helpers/replay-runner.js';


/**
 * Replays `fixtures` through `driver` once for the enclosing `describe`: an OTLP receiver and the
 * replay servers start in beforeAll and close in afterAll. The tests read the run through the
 * returned accessor (the replay exists only once beforeAll has run).
 */
export function useReplay(driver: ReplayDriver, fixtures: Fixture[], options?: ReplayRunOptions): () => Replay {
  let receiver: OtlpReceiver | undefined;
  let replay: Replay | undefined;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(driver, fixtures, receiver, options);
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  return () => {
    if (!replay) throw new Error(`no replay through ${driver.client}: its beforeAll failed`);
    return replay;
  };
}

/** What the replay of the fixture called `name` produced. */
export function replayOf(replay: Replay, name: string): FixtureReplay {
  const found = replay.fixtures.find((f) => f.fixture.name === name);
  if (!found) throw new Error(`${name} was not part of this replay`);
  return found;
}

/** The request the fixture's replay server received for it, as the provider would have seen it. */
export function requestFor(replay: Replay, fixture: Fixture): ReceivedRequest {
  const request = replay.servers.get(fixture.provider)?.received.find((r) => r.fixture === fixture.name);
  if (!request) throw new Error(`the ${fixture.provider} replay server received no request for ${fixture.name}`);
  return request;
}

/**
 * The span whose id the server received in `traceparent` for `name`: asserts it exists, carries
 * every value the fixture's `expected` block names and is a CLIENT span.
 */
export function expectFixtureSpan(replay: Replay, name: string): ReceivedSpan {
  const { fixture, span, provider } = replayOf(replay, name);
  expect(span, `no span whose id matches the traceparent the server received for ${name}`).toBeDefined();
  expect(describeFailures(name, checkFixtureSpan(fixture, span!, provider))).toEqual([]);
  expect(span!.kind).toBe(3); // CLIENT
  return span!;
}

/** Asserts the app read, for each of `replays`, the very bytes the server sent (the app prints their sha256). */
export function expectResponseBytesUnchanged(replay: Replay, replays: FixtureReplay[] = replay.fixtures): void {
  for (const { fixture, result } of replays) expect(result?.sha256, fixture.name).toBe(requestFor(replay, fixture).responseSha256);
}

/** `{operation} {model}`: the span name of a call to a named model (a missing model fails the check). */
const operationAndModel = (fixture: Fixture): string => `${fixture.expected.operation} ${fixture.expected.model_request}`;

/** `{operation} {model}`, or the operation alone for a call that names no model (the conventions' rule). */
export const operationAndModelIfAny = (fixture: Fixture): string =>
  fixture.expected.model_request ? operationAndModel(fixture) : fixture.expected.operation;

/** The app's result where its SDK resolves on a 2xx and throws on an error status. */
export const okUnlessErrorStatus = (fixture: Fixture): Record<string, unknown> => ({ ok: fixture.response.status < 400 });

/** The fake credentials the replay apps send (test/e2e/apps): none may reach a span. */
const FAKE_CREDENTIALS = /not-a-real-|AKIDEXAMPLE/;

export interface StandardReplayTestOptions {
  /** Title of the completion test, where it says more than the default. */
  completionTitle?: string;
  /**
   * What the app printed for a fixture besides its name, given the client that made the call
   * (the driver's, or `fetch` for a fallback). Default `{ ok: true }`: every call answered.
   */
  result?: (fixture: Fixture, client: string) => Record<string, unknown>;
  /** The span name for a fixture's call. Default operationAndModel. */
  spanName?: (fixture: Fixture) => string;
  /** More credentials (or their prefixes) the app sent that no span attribute may contain. */
  credentials?: RegExp;
  /** Also check the app read every response byte unchanged (its steps print `sha256`). */
  unchangedBytes?: boolean;
}

/**
 * The tests every replay of recordings through a client passes: the app ran to completion with
 * the expected result per call, one request and one span per fixture, each span found by the
 * `traceparent` its request carried, a root CLIENT span with every expected value and the
 * conventions' name, and no credential in any attribute.
 */
export function standardReplayTests(getReplay: () => Replay, fixtures: Fixture[], options: StandardReplayTestOptions = {}): void {
  const result = options.result ?? (() => ({ ok: true }));
  const spanName = options.spanName ?? operationAndModel;

  it(options.completionTitle ?? 'runs the app to completion with every call answered', () => {
    const replay = getReplay();
    expect(replay.run.code, replay.run.stderr).toBe(0);
    expect(replay.run.results).toEqual(
      fixtures.map((f) => expect.objectContaining({ fixture: f.name, ...result(f, replayOf(replay, f.name).client) })),
    );
  });

  it('exports exactly one span per LLM call', () => {
    const replay = getReplay();
    expect(replay.fixtures.map((f) => f.requests)).toEqual(fixtures.map(() => 1));
    expect(replay.spans).toHaveLength(fixtures.length);
  });

  it.each(fixtures.map((f) => [f.name] as const))('%s: span carries every expected value', (name) => {
    const replay = getReplay();
    const span = expectFixtureSpan(replay, name);
    expect(span.parentSpanId).toBeUndefined();
    expect(span.name).toBe(spanName(replayOf(replay, name).fixture));
  });

  it('puts no credential on any span', () => {
    const everything = JSON.stringify(getReplay().spans.map((s) => s.attributes));
    expect(everything).not.toMatch(FAKE_CREDENTIALS);
    if (options.credentials) expect(everything).not.toMatch(options.credentials);
  });

  if (options.unchangedBytes) {
    it('hands the app every response byte unchanged', () => {
      expectResponseBytesUnchanged(getReplay());
    });
  }
}
