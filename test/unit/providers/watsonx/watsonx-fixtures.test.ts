import { describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../../../../src/providers/registry.js';
import { listFixtures, loadFixture } from '../../../helpers/fixtures.js';
import { actualCoreFacts, expectedCoreFacts, parseFixture } from '../../../helpers/parse-fixture.js';

const fixtures = listFixtures((f) => f.provider === 'ibm.watsonx.ai');

describe('watsonx.ai recordings', () => {
  it('covers both watsonx exchanges', () => {
    expect(fixtures.map((f) => f.name)).toEqual([
      'ibm.watsonx.ai--generation.text--flan-ul2',
      'ibm.watsonx.ai--generation.text_stream--flan-ul2-sse',
    ]);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: facts equal the expected values', (_name, fixture) => {
    expect(actualCoreFacts(parseFixture(fixture))).toEqual(expectedCoreFacts(fixture));
  });

  it('reads the stream the same way in 3-byte chunks, and captures its text', () => {
    const fixture = loadFixture('ibm.watsonx.ai--generation.text_stream--flan-ul2-sse');
    const parsed = parseFixture(fixture, { chunkBytes: 3, captureContent: true });
    expect(actualCoreFacts(parsed)).toEqual(expectedCoreFacts(fixture));
    expect(parsed.response.outputMessages).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'the sun is the most important star in the sky' }], finish_reason: 'eos_token' },
    ]);
  });

  it('decides streaming from the path, not the body', () => {
    const { match, request } = parseFixture(loadFixture('ibm.watsonx.ai--generation.text_stream--flan-ul2-sse'));
    expect(match.urlStream).toBe(true);
    expect(request.stream).toBe(true);
  });
});

describe('watsonx.ai requests', () => {
  const match = (path: string, host = 'eu-de.ml.cloud.ibm.com') =>
    new ProviderRegistry().match({ method: 'POST', url: new URL(`https://${host}${path}?version=2024-05-01`) });

  it('recognises current, beta and deployment paths, on any host with the version query', () => {
    expect(match('/ml/v1/text/generation')?.operation).toBe('text_completion');
    expect(match('/ml/v1/text/generation_stream')?.urlStream).toBe(true);
    expect(match('/ml/v1/deployments/my-deployment/text/generation')?.operation).toBe('text_completion');
    expect(match('/ml/v1/text/chat')?.operation).toBe('chat');
    expect(match('/ml/v1/text/embeddings')?.operation).toBe('embeddings');
    expect(match('/ml/v1/text/generation', 'wx.gateway.corp')?.provider).toBe('ibm.watsonx.ai');
    expect(new ProviderRegistry().match({ method: 'POST', url: new URL('https://example.com/ml/v1/text/generation') })).toBeUndefined();
  });

  it('reads model_id and the generation parameters', () => {
    const facts = match('/ml/v1/text/generation')!.parseRequest(
      {
        model_id: 'ibm/granite-13b-instruct-v2',
        input: 'Hi',
        parameters: { decoding_method: 'sample', temperature: 0.7, top_p: 0.9, top_k: 50, max_new_tokens: 100, stop_sequences: ['\n'], random_seed: 3 },
      },
      false,
    );
    expect(facts).toEqual({
      provider: 'ibm.watsonx.ai',
      operation: 'text_completion',
      model: 'ibm/granite-13b-instruct-v2',
      stream: false,
      temperature: 0.7,
      topP: 0.9,
      topK: 50,
      maxTokens: 100,
      stopSequences: ['\n'],
      seed: 3,
    });
  });

  it('reads a watsonx error body', () => {
    const m = match('/ml/v1/text/generation')!;
    const accumulator = m.createAccumulator({ status: 404, headers: { 'content-type': 'application/json' } }, m.parseRequest({}, false), false);
    accumulator.push(
      Buffer.from(JSON.stringify({ errors: [{ code: 'model_not_supported', message: 'Model not supported' }], trace: 't', status_code: 404 })),
    );
    expect(accumulator.finish()).toEqual({ errorType: 'model_not_supported', errorMessage: 'Model not supported' });
  });

  it('reads an embeddings response: model and input tokens', () => {
    const m = match('/ml/v1/text/embeddings')!;
    const accumulator = m.createAccumulator({ status: 200, headers: { 'content-type': 'application/json' } }, m.parseRequest({}, false), false);
    accumulator.push(Buffer.from(JSON.stringify({ model_id: 'ibm/slate-30m-english-rtrvr', results: [{ embedding: [0.1] }], input_token_count: 9 })));
    expect(accumulator.finish()).toEqual({ responseModel: 'ibm/slate-30m-english-rtrvr', usage: { inputTokens: 9 } });
  });
});
