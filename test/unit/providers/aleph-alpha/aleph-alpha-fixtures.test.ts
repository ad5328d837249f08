import { describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../../../../src/providers/registry.js';
import { loadFixture } from '../../../helpers/fixtures.js';
import { actualCoreFacts, expectedCoreFacts, parseFixture } from '../../../helpers/parse-fixture.js';

describe('Aleph Alpha', () => {
  const fixture = loadFixture('aleph_alpha--complete--luminous-base');

  it('reads the recorded /complete exchange', () => {
    expect(actualCoreFacts(parseFixture(fixture))).toEqual(expectedCoreFacts(fixture));
  });

  it('records every sampling parameter as sent, zeros included', () => {
    const { request } = parseFixture(fixture);
    expect(request).toEqual({
      provider: 'aleph_alpha',
      operation: 'text_completion',
      model: 'luminous-base',
      stream: false,
      temperature: 0,
      topP: 0,
      topK: 0,
      maxTokens: 1000,
      frequencyPenalty: 0,
      presencePenalty: 0,
    });
  });

  it('captures the text prompt items and the completion', () => {
    const { request, response } = parseFixture(fixture, { captureContent: true });
    expect(request.content).toEqual({ inputMessages: [{ role: 'user', parts: [{ type: 'text', content: 'Tell me a joke about OpenTelemetry.' }] }] });
    const [message] = response.outputMessages as Array<{ finish_reason: string; parts: Array<{ content: string }> }>;
    expect(message!.finish_reason).toBe('maximum_tokens');
    expect(message!.parts[0]!.content.startsWith('\n\nA:\n\nI think the best joke')).toBe(true);
  });

  const api = (path: string) => new ProviderRegistry().match({ method: 'POST', url: new URL(`https://api.aleph-alpha.com${path}`) })!;

  it('reads a /complete SSE stream: finish reason per completion and the summary counts', () => {
    const m = api('/complete');
    const request = m.parseRequest({ model: 'luminous-base', prompt: 'Hi', maximum_tokens: 5, stream: true }, false);
    const accumulator = m.createAccumulator({ status: 200, headers: { 'content-type': 'text/event-stream' } }, request, true);
    const events = [
      { type: 'stream_chunk', index: 0, completion: ' Hello' },
      { type: 'stream_chunk', index: 0, completion: ' there' },
      { type: 'stream_summary', index: 0, model_version: '2022-04', finish_reason: 'maximum_tokens' },
      { type: 'completion_summary', num_tokens_prompt_total: 2, num_tokens_generated: 5 },
    ];
    const body = Buffer.from(events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join(''));
    for (let i = 0; i < body.length; i += 6) accumulator.push(body.subarray(i, i + 6));
    expect(request.stream).toBe(true);
    expect(accumulator.finish()).toEqual({
      finishReasons: ['maximum_tokens'],
      usage: { inputTokens: 2, outputTokens: 5 },
      outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: ' Hello there' }], finish_reason: 'maximum_tokens' }],
    });
  });

  it('recognises the embedding endpoints and reads an error body', () => {
    expect(api('/semantic_embed').operation).toBe('embeddings');
    expect(api('/batch_semantic_embed').operation).toBe('embeddings');
    const m = api('/complete');
    const accumulator = m.createAccumulator({ status: 400, headers: { 'content-type': 'application/json' } }, m.parseRequest({}, false), false);
    accumulator.push(Buffer.from('{"error":"Model not found","code":"MODEL_NOT_FOUND"}'));
    expect(accumulator.finish()).toEqual({ errorType: 'MODEL_NOT_FOUND', errorMessage: 'Model not found' });
  });
});
