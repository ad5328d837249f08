import { describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { isAnthropic } from './drivers/anthropic-driver.js';
import { isBedrock } from './drivers/bedrock-driver.js';
import { isCohere } from './drivers/cohere-driver.js';
import { isFetchMisc } from './drivers/fetch-misc-driver.js';
import { isGoogle } from './drivers/google-driver.js';
import { isOllama } from './drivers/ollama-driver.js';
import { isOpenAiCompatible } from './drivers/openai-driver.js';

/**
 * Each replay test file takes the fixtures its predicate claims. This checks, without running
 * them, that the predicates together claim the whole corpus, so a fixture cannot silently drop out
 * of the replays (the per-fixture tests in those files then assert every expected field).
 */
const CLAIMS = { isOpenAiCompatible, isAnthropic, isGoogle, isBedrock, isCohere, isOllama, isFetchMisc };

describe('the recorded corpus', () => {
  const fixtures = listFixtures();

  it('holds the 144 exchanges its README counts', () => {
    expect(fixtures).toHaveLength(144);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s is replayed by an SDK or fetch driver', (_name, fixture) => {
    const claimedBy = Object.entries(CLAIMS).filter(([, claims]) => claims(fixture)).map(([name]) => name);
    expect(claimedBy.length).toBeGreaterThan(0);
  });
});
