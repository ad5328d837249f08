import { describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../../../../src/providers/registry.js';
import { loadFixture } from '../../../helpers/fixtures.js';
import { actualCoreFacts, expectedCoreFacts, parseFixture } from '../../../helpers/parse-fixture.js';

describe('Voyage AI', () => {
  const fixture = loadFixture('voyageai--embeddings--voyage-3-lite');

  it('reads the recorded embeddings exchange', () => {
    expect(actualCoreFacts(parseFixture(fixture))).toEqual(expectedCoreFacts(fixture));
  });

  it('is read by the Voyage parser, not the OpenAI one that shares its path', () => {
    const { match, request } = parseFixture(fixture);
    expect(match.api.name).toBe('voyage');
    expect(request.encodingFormats).toEqual(['base64']);
  });

  const api = (path: string, host = 'api.voyageai.com') =>
    new ProviderRegistry().match({ method: 'POST', url: new URL(`https://${host}${path}`) });

  it('recognises rerank and multimodal embeddings; other hosts stay with the OpenAI parser', () => {
    expect(api('/v1/rerank')?.operation).toBe('rerank');
    expect(api('/v1/multimodalembeddings')?.operation).toBe('embeddings');
    expect(api('/v1/embeddings', 'api.openai.com')?.api.name).toBe('openai');
  });

  it('reads a rerank response and an error body', () => {
    const m = api('/v1/rerank')!;
    const ok = m.createAccumulator({ status: 200, headers: { 'content-type': 'application/json' } }, m.parseRequest({ model: 'rerank-2' }, false), false);
    ok.push(Buffer.from(JSON.stringify({ object: 'list', data: [{ relevance_score: 0.9, index: 1 }], model: 'rerank-2', usage: { total_tokens: 26 } })));
    expect(ok.finish()).toEqual({ responseModel: 'rerank-2', usage: { inputTokens: 26 } });
    const failed = m.createAccumulator({ status: 401, headers: { 'content-type': 'application/json' } }, m.parseRequest({}, false), false);
    failed.push(Buffer.from('{"detail":"Provided API key is invalid."}'));
    expect(failed.finish()).toEqual({ errorMessage: 'Provided API key is invalid.' });
  });
});
