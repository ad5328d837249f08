import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFixtureSpan, describeFailures } from '../helpers/expected-attributes.js';
import { fixtureResponseBytes, listFixtures, type Fixture } from '../helpers/fixtures.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import type { ReplayOptions } from '../helpers/replay-server.js';
import { replayWithDriver, type Replay } from '../helpers/replay-runner.js';
import { bodyPatternDriver, type BodyPatternFamily } from './drivers/body-pattern-driver.js';
import { findSecrets, SECRET_HEADERS } from './helpers/secret-scan.js';

const fixtures = listFixtures();

/**
 * Families of reading patterns, one child process each, every pattern over all 144 recordings.
 * Whole-body reads get gzip JSON (fetch decodes it for the app, we decode our own copy); the
 * streaming ones get bodies cut into 61-byte pieces, so chunk edges fall inside events and frames.
 */
const FAMILIES: ReadonlyArray<readonly [BodyPatternFamily, ReplayOptions]> = [
  [{ label: 'fetch, whole body', app: 'fetch-body-patterns.mjs', patterns: ['json', 'text', 'arrayBuffer', 'blob'] }, { compress: true }],
  [{ label: 'fetch, streamed', app: 'fetch-body-patterns.mjs', patterns: ['reader', 'for-await', 'pipeTo'] }, { chunkBytes: 61 }],
  [{ label: 'fetch, two readers', app: 'fetch-body-patterns.mjs', patterns: ['tee', 'clone'] }, { chunkBytes: 61 }],
  [{ label: 'node:http', app: 'http-body-patterns.mjs', patterns: ['data', 'pipe', 'pause-resume', 'readable'] }, { chunkBytes: 61 }],
];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What each pattern hands the app: the bytes themselves, their UTF-8 text, or the parsed JSON. */
function expectedRead(fixture: Fixture, pattern: string): { sha256: string[] } | { error: string } {
  const bytes = fixtureResponseBytes(fixture);
  const copies = pattern === 'tee' || pattern === 'clone' ? 2 : 1;
  if (pattern === 'text') return { sha256: [sha256(Buffer.from(new TextDecoder().decode(bytes), 'utf8'))] };
  if (pattern === 'json') {
    try {
      return { sha256: [sha256(Buffer.from(JSON.stringify(JSON.parse(new TextDecoder().decode(bytes)))))] };
    } catch {
      // SSE, NDJSON and event-stream bodies are not one JSON value: json() rejects, as without us.
      return { error: 'SyntaxError' };
    }
  }
  return { sha256: Array.from({ length: copies }, () => sha256(bytes)) };
}

interface CallResult {
  fixture: string;
  pattern: string;
  status?: number;
  sha256?: string[];
  error?: string;
}

describe.each(FAMILIES.map(([family, options]) => [family.label, family, options] as const))(
  'every recording read through %s',
  (_label, family, serverOptions) => {
    let receiver: OtlpReceiver;
    let replay: Replay;

    beforeAll(async () => {
      receiver = await startOtlpReceiver({ port: 0 });
      replay = await replayWithDriver(bodyPatternDriver(family), fixtures, receiver, {
        ...serverOptions,
        env: { PATTERNS: family.patterns.join(','), SECRET_HEADERS: JSON.stringify(SECRET_HEADERS) },
      });
    }, 120_000);

    afterAll(async () => {
      await replay?.close();
      await receiver?.close();
    });

    const results = () => replay.run.results as CallResult[];

    it('runs to the end without an exception reaching the app', () => {
      expect(replay.run.code, replay.run.stderr).toBe(0);
      expect(results().at(-1)).toEqual({ problems: [] });
      expect(replay.run.stderr).toBe('');
    });

    it.each(family.patterns.map((p) => [p] as const))('%s: the app gets exactly the bytes the server sent', (pattern) => {
      const got = results().filter((r) => r.pattern === pattern);
      const wrong = fixtures.flatMap((fixture) => {
        const result = got.find((r) => r.fixture === fixture.name);
        const want = expectedRead(fixture, pattern);
        const have = result?.error !== undefined ? { error: result.error } : { sha256: result?.sha256 };
        return JSON.stringify(have) === JSON.stringify(want) ? [] : [`${fixture.name}: got ${JSON.stringify(have)}, want ${JSON.stringify(want)}`];
      });
      expect(wrong).toEqual([]);
      expect(got).toHaveLength(fixtures.length);
    });

    it.each(family.patterns.map((p) => [p] as const))('%s: every call still has its span, with every value the recording holds', (pattern) => {
      const problems: string[] = [];
      for (const fixture of fixtures) {
        const server = replay.servers.get(fixture.provider)!;
        const requests = server.received.filter((r) => r.fixture === fixture.name && r.headers['x-body-pattern'] === pattern);
        if (requests.length !== 1) {
          problems.push(`${fixture.name}: ${requests.length} requests`);
          continue;
        }
        const [, traceId, spanId] = String(requests[0]!.headers.traceparent ?? '').split('-');
        const span: ReceivedSpan | undefined = replay.spans.find((s) => s.traceId === traceId && s.spanId === spanId);
        if (!span) problems.push(`${fixture.name}: no span for traceparent ${String(requests[0]!.headers.traceparent)}`);
        else problems.push(...describeFailures(fixture.name, checkFixtureSpan(fixture, span)));
      }
      expect(problems).toEqual([]);
    });

    it('exports one span per call and no credential in any of them', () => {
      expect(replay.spans).toHaveLength(fixtures.length * family.patterns.length);
      expect(findSecrets(replay.spans)).toEqual([]);
    });
  },
);
