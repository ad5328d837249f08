import { describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { isOllama, ollamaDriver } from './drivers/ollama-driver.js';
import { standardReplayTests, useReplay } from './replay-suite.js';

const fixtures = listFixtures(isOllama);

/**
 * All 8 Ollama recordings through the `ollama` client (chat, generate, embeddings; NDJSON
 * streams split into 17-byte chunks so lines cross chunk edges) under `--import ./register.js`.
 * The server is not on Ollama's default port and nobody mapped it: the calls are recognised by
 * their `/api/...` path and the client's `ollama-js/` User-Agent.
 */
describe('Ollama recordings through the ollama client, to an unknown host', () => {
  const replay = useReplay(ollamaDriver, fixtures, { chunkBytes: 17, unmapped: true });

  it('covers the 8 Ollama recordings', () => {
    expect(fixtures).toHaveLength(8);
  });

  standardReplayTests(replay, fixtures);

  it('streams reached the client line by line', () => {
    const streamed = replay().fixtures.filter((f) => f.fixture.stream);
    expect(streamed).toHaveLength(3);
    for (const { fixture, result } of streamed) {
      const lines = (fixture.response.body as string).split('\n').filter((l) => l.trim()).length;
      expect(result?.events, fixture.name).toBe(lines);
    }
  });
});
