import { describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { isMistral, mistralDriver } from './drivers/mistral-driver.js';
import { requestFor, standardReplayTests, useReplay } from './replay-suite.js';

const fixtures = listFixtures(isMistral);

/**
 * The 3 Mistral recordings through Mistral's own SDK (chat.complete, chat.stream,
 * embeddings.create), in addition to their replay through the `openai` client. The server is a
 * host nobody mapped; the OpenAI paths are recognised there (the provider is then `openai`, as
 * only Mistral's host names Mistral).
 */
describe('Mistral recordings through @mistralai/mistralai, to an unknown host', () => {
  const replay = useReplay(mistralDriver, fixtures, { compress: true, chunkBytes: 29, unmapped: true });

  it('covers the 3 Mistral recordings', () => {
    expect(fixtures.map((f) => f.api)).toEqual(['chat.completions', 'chat.completions', 'embeddings']);
  });

  standardReplayTests(replay, fixtures);

  it('sent the SDK request the recording holds (same model, messages and stream flag)', () => {
    for (const { fixture } of replay().fixtures) {
      const sent = JSON.parse(requestFor(replay(), fixture).body);
      const recorded = fixture.request.body as Record<string, unknown>;
      expect(sent.model, fixture.name).toBe(recorded.model);
      expect(sent.messages, fixture.name).toEqual(recorded.messages);
      expect(sent.stream ?? false, fixture.name).toBe(recorded.stream ?? false);
    }
  });
});
