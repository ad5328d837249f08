import { describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../../../../src/providers/registry.js';
import { fixtureResponseBytes, listFixtures, loadFixture } from '../../../helpers/fixtures.js';
import { actualCoreFacts, expectedCoreFacts, parseFixture } from '../../../helpers/parse-fixture.js';

const fixtures = listFixtures((f) => f.provider === 'cohere');

describe('Cohere recordings', () => {
  it('covers all 11 Cohere exchanges', () => {
    expect(fixtures).toHaveLength(11);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: facts equal the expected values', (_name, fixture) => {
    expect(actualCoreFacts(parseFixture(fixture))).toEqual(expectedCoreFacts(fixture));
  });

  it.each(fixtures.filter((f) => typeof f.response.body === 'string').map((f) => [f.name, f] as const))(
    '%s: the same facts when the stream arrives 7 bytes at a time',
    (_name, fixture) => {
      expect(actualCoreFacts(parseFixture(fixture, { chunkBytes: 7 }))).toEqual(expectedCoreFacts(fixture));
    },
  );

  it('uses billed units, not the raw token counts, for usage', () => {
    const { response } = parseFixture(loadFixture('cohere--v1.chat--basic'));
    expect(response.usage).toEqual({ inputTokens: 58, outputTokens: 119 });
  });

  it('names the rerank operation and records no tokens for search units', () => {
    const { match, response } = parseFixture(loadFixture('cohere--v1.rerank--basic'));
    expect(match.operation).toBe('rerank');
    expect(response).toEqual({ responseId: 'c995b490-c717-411c-8fd0-8bf993cd8382' });
  });
});

describe('Cohere v1 NDJSON stream', () => {
  const fixture = loadFixture('cohere--v1.chat--stream-ndjson');

  it('skips a corrupt line and still reads the stream-end response', () => {
    const text = fixtureResponseBytes(fixture).toString('utf8');
    const lines = text.split('\n');
    lines.splice(3, 0, '{"is_finished":false,"event_type":"text-gen');
    const { response } = parseFixture(fixture, { body: Buffer.from(lines.join('\n')) });
    expect(response).toEqual({
      responseId: '12c00d26-e3bb-48c0-8c49-262155b57d64',
      finishReasons: ['COMPLETE'],
      usage: { inputTokens: 7, outputTokens: 115 },
    });
  });

  it('keeps the finish reason and captured text when the stream is cut before stream-end', () => {
    const text = fixtureResponseBytes(fixture).toString('utf8');
    const lines = text.split('\n');
    const cut = [...lines.slice(0, 6), '{"is_finished":true,"event_type":"stream-end","finish_reason":"ERROR"}'].join('\n');
    const { response } = parseFixture(fixture, { body: Buffer.from(cut), captureContent: true });
    expect(response).toEqual({
      finishReasons: ['ERROR'],
      outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: 'Arrrr, mate' }], finish_reason: 'ERROR' }],
    });
  });

  it('captures the final text from the stream-end response when content capture is on', () => {
    const { response } = parseFixture(fixture, { captureContent: true, chunkBytes: 13 });
    const message = response.outputMessages?.[0] as { role: string; parts: Array<{ type: string; content: string }> };
    expect(message.role).toBe('assistant');
    expect(message.parts[0]!.content.startsWith("Arrrr, matey! Shiver me timbers, here's a pirate-themed joke")).toBe(true);
  });
});

describe('Cohere v2 SSE stream with tool calls', () => {
  it('assembles tool calls and the tool plan from deltas when capture is on', () => {
    const { response } = parseFixture(loadFixture('cohere--v2.chat--stream-tool-call'), { captureContent: true, chunkBytes: 11 });
    const [message] = response.outputMessages as Array<{ parts: unknown[]; finish_reason: string }>;
    expect(message!.finish_reason).toBe('TOOL_CALL');
    expect(message!.parts).toEqual([
      { type: 'reasoning', content: 'I will search for the current time and weather in Tokyo.' },
      { type: 'tool_call', id: expect.stringMatching(/^get_time_/), name: 'get_time', arguments: { location: 'Tokyo' } },
      { type: 'tool_call', id: expect.stringMatching(/^get_weather_/), name: 'get_weather', arguments: { location: 'Tokyo' } },
    ]);
  });
});

describe('Cohere requests', () => {
  const match = (path: string, host = 'api.cohere.com') =>
    new ProviderRegistry().match({ method: 'POST', url: new URL(`https://${host}${path}`) });

  it('recognises Cohere paths on both Cohere hosts', () => {
    expect(match('/v2/chat')?.operation).toBe('chat');
    expect(match('/v1/generate', 'api.cohere.ai')?.operation).toBe('text_completion');
    expect(match('/v2/embed')?.operation).toBe('embeddings');
    expect(match('/v2/rerank')?.operation).toBe('rerank');
    expect(match('/v1/embed')?.api.name).toBe('cohere');
    expect(match('/v1/tokenize')).toBeUndefined();
  });

  it('does not claim /v2/chat on other hosts', () => {
    expect(match('/v2/chat', 'example.com')).toBeUndefined();
  });

  it('reads p and k as top_p and top_k, and every other sampling parameter', () => {
    const facts = match('/v2/chat')!.parseRequest(
      {
        model: 'command-r-plus',
        messages: [],
        temperature: 0.3,
        p: 0.75,
        k: 40,
        max_tokens: 200,
        stop_sequences: ['END'],
        seed: 7,
        frequency_penalty: 0.1,
        presence_penalty: 0.2,
        response_format: { type: 'json_object' },
      },
      false,
    );
    expect(facts).toEqual({
      provider: 'cohere',
      operation: 'chat',
      model: 'command-r-plus',
      stream: false,
      temperature: 0.3,
      topP: 0.75,
      topK: 40,
      maxTokens: 200,
      stopSequences: ['END'],
      seed: 7,
      frequencyPenalty: 0.1,
      presencePenalty: 0.2,
      outputType: 'json',
    });
  });

  it('records embedding types as encoding formats and generate num_generations as choice count', () => {
    expect(match('/v2/embed')!.parseRequest({ model: 'embed-v4.0', embedding_types: ['float', 'int8'] }, false).encodingFormats).toEqual([
      'float',
      'int8',
    ]);
    expect(match('/v1/generate')!.parseRequest({ model: 'command', prompt: 'x', num_generations: 3 }, false).choiceCount).toBe(3);
  });

  it('turns v1 chat history, preamble and tools into conventions-shaped content', () => {
    const facts = match('/v1/chat')!.parseRequest(
      {
        model: 'command-r',
        preamble: 'Be brief.',
        chat_history: [
          { role: 'USER', message: 'Hi' },
          { role: 'CHATBOT', message: 'Hello' },
        ],
        message: 'Weather?',
        tools: [{ name: 'weather', description: 'Get weather', parameter_definitions: { city: { type: 'str' } } }],
      },
      true,
    );
    expect(facts.content).toEqual({
      inputMessages: [
        { role: 'user', parts: [{ type: 'text', content: 'Hi' }] },
        { role: 'assistant', parts: [{ type: 'text', content: 'Hello' }] },
        { role: 'user', parts: [{ type: 'text', content: 'Weather?' }] },
      ],
      systemInstructions: [{ type: 'text', content: 'Be brief.' }],
      toolDefinitions: [{ type: 'function', name: 'weather', description: 'Get weather', parameters: { city: { type: 'str' } } }],
    });
  });
});
