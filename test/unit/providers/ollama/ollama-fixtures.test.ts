import { describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../../../../src/providers/registry.js';
import { fixtureResponseBytes, listFixtures, loadFixture } from '../../../helpers/fixtures.js';
import { actualCoreFacts, expectedCoreFacts, parseFixture } from '../../../helpers/parse-fixture.js';

const fixtures = listFixtures((f) => f.provider === 'ollama');
const streams = fixtures.filter((f) => typeof f.response.body === 'string');

describe('Ollama recordings', () => {
  it('covers all 8 Ollama exchanges, 3 of them NDJSON streams', () => {
    expect(fixtures).toHaveLength(8);
    expect(streams).toHaveLength(3);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: facts equal the expected values', (_name, fixture) => {
    expect(actualCoreFacts(parseFixture(fixture))).toEqual(expectedCoreFacts(fixture));
  });

  // 5 bytes splits lines, JSON tokens and the multi-byte emoji in the gemma3 stream.
  it.each(streams.map((f) => [f.name, f] as const))('%s: the same facts when lines are split across 5-byte chunks', (_name, fixture) => {
    expect(actualCoreFacts(parseFixture(fixture, { chunkBytes: 5 }))).toEqual(expectedCoreFacts(fixture));
  });
});

describe('Ollama NDJSON stream', () => {
  const fixture = loadFixture('ollama--api.generate--stream-gemma3');
  const lines = () => fixtureResponseBytes(fixture).toString('utf8').split('\n');

  it('skips a corrupt line and keeps reading the lines after it', () => {
    const body = lines();
    body.splice(2, 0, '{"model":"gemma3:1b","response":"Ok');
    const { response } = parseFixture(fixture, { body: Buffer.from(body.join('\n')), chunkBytes: 9 });
    expect(response).toEqual({ responseModel: 'gemma3:1b', finishReasons: ['stop'], usage: { inputTokens: 16, outputTokens: 51 } });
  });

  it('reads a final line that has no trailing newline', () => {
    const body = fixtureResponseBytes(fixture).toString('utf8').trimEnd();
    const { response } = parseFixture(fixture, { body: Buffer.from(body) });
    expect(response.usage).toEqual({ inputTokens: 16, outputTokens: 51 });
  });

  it('keeps the model and captured text of a stream cut before its done line', () => {
    const { response } = parseFixture(fixture, { body: Buffer.from(lines().slice(0, 4).join('\n') + '\n'), captureContent: true });
    expect(response).toEqual({
      responseModel: 'gemma3:1b',
      outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: "Okay, here'" }] }],
    });
  });

  it('marks an error line in a 200 stream as an error', () => {
    const body = [...lines().slice(0, 2), '{"error":"an error was encountered while running the model"}', ''].join('\n');
    const { response } = parseFixture(fixture, { body: Buffer.from(body) });
    expect(response).toEqual({
      responseModel: 'gemma3:1b',
      errorType: 'error',
      errorMessage: 'an error was encountered while running the model',
    });
  });

  it('captures the streamed chat text when content capture is on', () => {
    const { response } = parseFixture(loadFixture('ollama--api.chat--stream-ndjson'), { captureContent: true, chunkBytes: 64 });
    const [message] = response.outputMessages as Array<{ parts: Array<{ content: string }>; finish_reason: string }>;
    expect(message!.finish_reason).toBe('stop');
    expect(message!.parts[0]!.content.startsWith('Why did the OpenTelemetry agent go')).toBe(true);
    expect(message!.parts[0]!.content.endsWith('to your face!)')).toBe(true);
  });
});

describe('Ollama requests', () => {
  const OLLAMA_JS = { 'user-agent': 'ollama-js/0.6.4 (x64 linux Node.js/v24.11.0)' };
  const match = (url: string, method = 'POST', headers: Record<string, string> = {}) =>
    new ProviderRegistry().match({ method, url: new URL(url), header: (name) => headers[name] });

  it('recognises the native paths on Ollama\'s port, and on any other host from an Ollama client', () => {
    expect(match('http://localhost:11434/api/chat')?.operation).toBe('chat');
    expect(match('http://127.0.0.1:11434/api/embeddings')?.provider).toBe('ollama');
    expect(match('http://gpu-box.lan:8080/api/generate', 'POST', OLLAMA_JS)?.operation).toBe('text_completion');
    expect(match('https://ollama.com/api/embed', 'POST', OLLAMA_JS)?.operation).toBe('embeddings');
    expect(match('http://localhost:11434/api/tags', 'GET')).toBeUndefined();
    expect(match('http://localhost:11434/api/pull')).toBeUndefined();
  });

  it('leaves an app\'s own /api/chat on another port alone', () => {
    expect(match('http://gpu-box.lan:8080/api/generate')).toBeUndefined();
    expect(match('http://example.com/app/api/chat', 'POST', { 'user-agent': 'node' })).toBeUndefined();
  });

  it('names OpenAI-compatible calls on the default port ollama', () => {
    const m = match('http://localhost:11434/v1/chat/completions');
    expect([m?.api.name, m?.provider, m?.operation]).toEqual(['openai', 'ollama', 'chat']);
  });

  it('treats chat and generate as streamed unless stream is false', () => {
    const chat = match('http://localhost:11434/api/chat')!;
    expect(chat.parseRequest({ model: 'llama3', messages: [] }, false).stream).toBe(true);
    expect(chat.parseRequest({ model: 'llama3', messages: [], stream: false }, false).stream).toBe(false);
    expect(match('http://localhost:11434/api/embed')!.parseRequest({ model: 'all-minilm', input: 'x' }, false).stream).toBe(false);
  });

  it('reads sampling parameters from options and format json as output type', () => {
    const facts = match('http://localhost:11434/api/generate')!.parseRequest(
      {
        model: 'llama3',
        prompt: 'hi',
        stream: false,
        format: 'json',
        options: { temperature: 0.2, top_p: 0.9, top_k: 30, num_predict: 128, stop: ['\n\n'], seed: 42, frequency_penalty: 0.5, presence_penalty: 0.25 },
      },
      false,
    );
    expect(facts).toEqual({
      provider: 'ollama',
      operation: 'text_completion',
      model: 'llama3',
      stream: false,
      temperature: 0.2,
      topP: 0.9,
      topK: 30,
      maxTokens: 128,
      stopSequences: ['\n\n'],
      seed: 42,
      frequencyPenalty: 0.5,
      presencePenalty: 0.25,
      outputType: 'json',
    });
  });

  it('captures chat history with tool calls and tool results', () => {
    const fixture = loadFixture('ollama--api.chat--tools-defined-no-call');
    const { request } = parseFixture(fixture, { captureContent: true });
    expect(request.content).toEqual({
      inputMessages: [
        { role: 'assistant', parts: [{ type: 'tool_call', name: 'get_current_weather', arguments: { location: 'San Francisco' } }] },
        { role: 'tool', parts: [{ type: 'tool_call_response', response: 'The weather in San Francisco is 70 degrees and sunny.' }] },
      ],
    });
  });

  it('reads an /api/embed response: model and prompt tokens', () => {
    const m = match('http://localhost:11434/api/embed')!;
    const request = m.parseRequest({ model: 'all-minilm', input: ['a', 'b'] }, false);
    const accumulator = m.createAccumulator({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }, request, false);
    accumulator.push(Buffer.from(JSON.stringify({ model: 'all-minilm', embeddings: [[0.1], [0.2]], prompt_eval_count: 4 })));
    expect(accumulator.finish()).toEqual({ responseModel: 'all-minilm', usage: { inputTokens: 4 } });
  });

  it('reads a 404 error body as the error message, leaving the type to the status', () => {
    const m = match('http://localhost:11434/api/chat')!;
    const request = m.parseRequest({ model: 'nope' }, false);
    const accumulator = m.createAccumulator({ status: 404, headers: { 'content-type': 'application/json; charset=utf-8' } }, request, false);
    accumulator.push(Buffer.from('{"error":"model \\"nope\\" not found, try pulling it first"}'));
    expect(accumulator.finish()).toEqual({ errorMessage: 'model "nope" not found, try pulling it first' });
  });
});
