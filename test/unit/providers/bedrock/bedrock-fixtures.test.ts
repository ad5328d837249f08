import { describe, expect, it } from 'vitest';
import { fixtureResponseBytes, listFixtures, type Fixture } from '../../../helpers/fixtures.js';
import { actualCoreFacts, expectedCoreFacts, parseFixture, type ParsedFixture } from '../../../helpers/parse-fixture.js';

const fixtures = listFixtures((f) => f.provider === 'aws.bedrock');
const eventStreams = fixtures.filter((f) => f.response.body_encoding === 'base64');

/** Core facts plus the Bedrock extras the corpus states (cache counters, error type). */
function expectedFacts(fixture: Fixture) {
  const e = fixture.expected as Record<string, unknown>;
  return {
    ...expectedCoreFacts(fixture),
    cacheRead: e.cache_read_input_tokens ?? undefined,
    cacheCreation: e.cache_creation_input_tokens ?? undefined,
    errorType: e.error_type ?? undefined,
  };
}

function actualFacts(fixture: Fixture, parsed: ParsedFixture) {
  const e = fixture.expected as Record<string, unknown>;
  return {
    ...actualCoreFacts(parsed),
    // Only compared where the recording states them.
    cacheRead: 'cache_read_input_tokens' in e ? parsed.response.usage?.cacheReadInputTokens : undefined,
    cacheCreation: 'cache_creation_input_tokens' in e ? parsed.response.usage?.cacheCreationInputTokens : undefined,
    errorType: parsed.response.errorType,
  };
}

/** Deterministic pseudo-random split sizes (1..max bytes), so a failure replays the same way. */
function splitSizes(seed: number, max: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return 1 + (state % max);
  };
}

/** Like parseFixture, but pushing the body in pieces of pseudo-random sizes. */
function parseInRandomPieces(fixture: Fixture, seed: number): ParsedFixture {
  const { match, request } = parseFixture(fixture, { body: new Uint8Array(0) });
  const accumulator = match.createAccumulator({ status: fixture.response.status, headers: fixture.response.headers }, request, false);
  const bytes = fixtureResponseBytes(fixture);
  const next = splitSizes(seed, 97);
  for (let offset = 0, size = next(); offset < bytes.length; offset += size, size = next()) {
    accumulator.push(bytes.subarray(offset, offset + size));
  }
  return { match, request, response: accumulator.finish() };
}

describe('Bedrock recordings', () => {
  it('covers all 28 Bedrock exchanges, 13 of them AWS event streams', () => {
    expect(fixtures).toHaveLength(28);
    expect(eventStreams).toHaveLength(13);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: facts equal the expected values', (_name, fixture) => {
    expect(actualFacts(fixture, parseFixture(fixture))).toEqual(expectedFacts(fixture));
  });

  it.each(eventStreams.map((f) => [f.name, f] as const))('%s: the same facts when frames arrive one byte at a time', (_name, fixture) => {
    expect(actualFacts(fixture, parseFixture(fixture, { chunkBytes: 1 }))).toEqual(expectedFacts(fixture));
  });

  it.each(eventStreams.map((f) => [f.name, f] as const))('%s: the same facts for random split points', (_name, fixture) => {
    for (const seed of [1, 7, 42]) {
      expect(actualFacts(fixture, parseInRandomPieces(fixture, seed))).toEqual(expectedFacts(fixture));
    }
  });
});
