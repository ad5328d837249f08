import { describe, expect, it } from 'vitest';
import { openAiApi } from '../../../../src/providers/openai/openai-api.js';
import { ProviderRegistry } from '../../../../src/providers/registry.js';
import { fixtureResponseBytes, loadFixture } from '../../../helpers/fixtures.js';

const request = (url: string, method = 'POST') => ({ method, url: new URL(url) });

describe('openAiApi.match', () => {
  it.each([
    ['https://api.openai.com/v1/chat/completions', 'openai', 'chat'],
    ['https://api.openai.com/v1/completions', 'openai', 'text_completion'],
    ['https://api.openai.com/v1/embeddings', 'openai', 'embeddings'],
    ['https://api.openai.com/v1/responses', 'openai', 'chat'],
    ['https://api.openai.com/v1/images/generations', 'openai', 'image_generation'],
    ['https://api.openai.com/v1/threads/thread_1/runs', 'openai', 'invoke_agent'],
    ['https://api.openai.com/v1/audio/transcriptions', 'openai', 'audio_transcription'],
    ['https://api.openai.com/v1/audio/translations', 'openai', 'audio_translation'],
    ['https://api.openai.com/v1/audio/speech', 'openai', 'speech_generation'],
    ['https://api.openai.com/v1/images/edits', 'openai', 'image_edit'],
    ['https://api.openai.com/v1/moderations', 'openai', 'moderation'],
    ['https://api.openai.com/v1/files', 'openai', 'file_upload'],
    ['https://api.openai.com/v1/batches', 'openai', 'batch_creation'],
    ['http://localhost:8000/v1/audio/transcriptions', 'openai', 'audio_transcription'],
    ['https://res.openai.azure.com/openai/deployments/gpt4/chat/completions?api-version=1', 'azure.ai.openai', 'chat'],
    ['https://api.groq.com/openai/v1/chat/completions', 'groq', 'chat'],
    ['https://api.deepseek.com/beta/chat/completions', 'deepseek', 'chat'],
    ['https://api.mistral.ai/v1/embeddings', 'mistral_ai', 'embeddings'],
    ['https://api.together.xyz/v1/completions', 'together', 'text_completion'],
    ['https://api.writer.com/v1/chat', 'writer', 'chat'],
    // An unknown host speaking the OpenAI API (vLLM, LiteLLM, a gateway) is recognised by its path.
    ['http://localhost:8000/v1/chat/completions', 'openai', 'chat'],
    ['http://localhost:8000/openai/deployments/gpt4/chat/completions', 'azure.ai.openai', 'chat'],
  ])('%s -> %s %s', (url, provider, operation) => {
    const match = new ProviderRegistry().match(request(url));
    expect(match?.provider).toBe(provider);
    expect(match?.operation).toBe(operation);
  });

  it('takes the Azure deployment from the path as the model when the body names none', () => {
    const match = openAiApi.match(request('https://r.openai.azure.com/openai/deployments/my%20dep/embeddings'))!;
    expect(match.parseRequest({ input: 'x' }, false).model).toBe('my dep');
  });

  it.each([
    ['GET', 'https://api.openai.com/v1/chat/completions'],
    ['POST', 'https://api.openai.com/v1/organization/users'],
    ['POST', 'https://example.com/api/chat'],
    // On an unknown host, paths this common mean OpenAI only under /v1/.
    ['POST', 'https://uploads.example.com/files'],
    ['POST', 'https://jobs.example.com/api/batches'],
    ['POST', 'https://api.writer.com/v2/other'],
  ])('ignores %s %s', (method, url) => {
    expect(openAiApi.match(request(url, method))).toBeUndefined();
  });

  it('lets a YAML mapping name the provider of a host', () => {
    const registry = new ProviderRegistry([{ host: 'llm.internal:8443', provider: 'groq', api: 'openai' }]);
    expect(registry.match(request('https://llm.internal:8443/v1/chat/completions'))?.provider).toBe('groq');
    expect(registry.match(request('https://llm.internal:9999/v1/chat/completions'))?.provider).toBe('openai');
    const wildcard = new ProviderRegistry([{ host: '*.corp.example', provider: 'deepseek', api: 'openai' }]);
    expect(wildcard.match(request('https://a.b.corp.example/v1/chat/completions'))?.provider).toBe('deepseek');
  });
});

describe('OpenAI request facts', () => {
  it('reads every sampling parameter, and the choice count only when it is not 1', () => {
    const match = openAiApi.match(request('https://api.openai.com/v1/chat/completions'))!;
    const facts = match.parseRequest(
      {
        model: 'gpt-4o', temperature: 0.3, top_p: 0.9, max_completion_tokens: 50, stop: 'END', frequency_penalty: 0.1,
        presence_penalty: -0.2, seed: 7, n: 2, stream: true, response_format: { type: 'json_schema' }, service_tier: 'flex',
      },
      false,
    );
    expect(facts).toEqual({
      provider: 'openai', operation: 'chat', model: 'gpt-4o', stream: true, temperature: 0.3, topP: 0.9, maxTokens: 50,
      stopSequences: ['END'], frequencyPenalty: 0.1, presencePenalty: -0.2, seed: 7, choiceCount: 2, outputType: 'json',
      serviceTier: 'flex',
    });
    expect(match.parseRequest({ model: 'm', n: 1 }, false).choiceCount).toBeUndefined();
  });

  it('survives a body that is not an object', () => {
    const match = openAiApi.match(request('https://api.openai.com/v1/chat/completions'))!;
    expect(match.parseRequest('not json', true)).toEqual({ provider: 'openai', operation: 'chat', stream: false, content: { inputMessages: [] } });
  });
});

describe('OpenAI response accumulators', () => {
  function feed(fixtureName: string, chunkSize: number, cut = 0) {
    const fixture = loadFixture(fixtureName);
    const match = openAiApi.match(request(fixture.request.url))!;
    const facts = match.parseRequest(fixture.request.body, true);
    const accumulator = match.createAccumulator(
      { status: fixture.response.status, headers: fixture.response.headers },
      facts,
      true,
    );
    const bytes = fixtureResponseBytes(fixture);
    const end = bytes.length - cut;
    for (let i = 0; i < end; i += chunkSize) accumulator.push(bytes.subarray(i, Math.min(i + chunkSize, end)));
    return accumulator.finish();
  }

  it('reads a stream split at every byte the same as whole', () => {
    const whole = feed('openai--chat.completions--stream-tool-calls', 1 << 20);
    expect(feed('openai--chat.completions--stream-tool-calls', 1)).toEqual(whole);
    expect(whole.finishReasons).toEqual(['tool_calls']);
  });

  it('keeps what a truncated stream delivered', () => {
    const facts = feed('openai--chat.completions--stream-include-usage', 64, 300);
    expect(facts.responseId).toBe('chatcmpl-BuDrRRWybY6JHzabaUyR2OtaEGp79');
    expect(facts.usage).toBeUndefined();
  });

  it('gives empty facts, not an exception, for a truncated JSON body', () => {
    expect(feed('openai--chat.completions--basic-gpt35', 50, 10)).toEqual({});
  });

  it('skips a corrupt SSE data line and reads the rest', () => {
    const match = openAiApi.match(request('https://api.openai.com/v1/chat/completions'))!;
    const accumulator = match.createAccumulator({ status: 200, headers: { 'content-type': 'text/event-stream' } }, { provider: 'openai', operation: 'chat', stream: true }, false);
    const body = [
      'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"a"}}]}',
      'data: {not json',
      'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1}}',
      'data: [DONE]',
      '',
      '',
    ].join('\n\n');
    accumulator.push(Buffer.from(body));
    expect(accumulator.finish()).toEqual({ responseId: 'c1', responseModel: 'm', finishReasons: ['stop'], usage: { inputTokens: 3, outputTokens: 1 } });
  });
});
