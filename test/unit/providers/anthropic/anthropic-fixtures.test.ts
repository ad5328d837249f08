import { describe, expect, it } from 'vitest';
import { fixtureResponseBytes, listFixtures, loadFixture, type Fixture } from '../../../helpers/fixtures.js';
import { actualCoreFacts, expectedCoreFacts, parseFixture } from '../../../helpers/parse-fixture.js';

const fixtures = listFixtures((f) => f.provider === 'anthropic');
const streams = fixtures.filter((f) => typeof f.response.body === 'string');

/** The fixture's cache counters, as `expected` states them (absent where the recording has none). */
function expectedCacheCounters(fixture: Fixture): Record<string, number> {
  const e = fixture.expected as Record<string, unknown>;
  const out: Record<string, number> = {};
  if (typeof e.cache_read_input_tokens === 'number') out.cacheReadInputTokens = e.cache_read_input_tokens;
  if (typeof e.cache_creation_input_tokens === 'number') out.cacheCreationInputTokens = e.cache_creation_input_tokens;
  return out;
}

function cacheCounters(usage: Record<string, unknown> | undefined): Record<string, unknown> {
  const { cacheReadInputTokens, cacheCreationInputTokens } = usage ?? {};
  return JSON.parse(JSON.stringify({ cacheReadInputTokens, cacheCreationInputTokens })) as Record<string, unknown>;
}

/** The `data:` payloads of an SSE body, parsed independently of the code under test. */
/** The fields of an Anthropic stream event this test reads. */
interface SseEvent {
  type: string;
  delta?: { type: string; text?: string };
}

function sseData(fixture: Fixture): SseEvent[] {
  return (fixture.response.body as string)
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => JSON.parse(line.slice(5)) as SseEvent);
}

describe('Anthropic recordings', () => {
  it('covers all 16 Anthropic exchanges, 6 of them streamed', () => {
    expect(fixtures).toHaveLength(16);
    expect(streams).toHaveLength(6);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: facts equal the expected values', (_name, fixture) => {
    const parsed = parseFixture(fixture);
    expect(actualCoreFacts(parsed)).toEqual(expectedCoreFacts(fixture));
    expect(cacheCounters(parsed.response.usage as Record<string, unknown>)).toEqual(expectedCacheCounters(fixture));
  });

  it.each(streams.map((f) => [f.name, f] as const))('%s: the same facts when the stream arrives one byte at a time', (_name, fixture) => {
    const parsed = parseFixture(fixture, { chunkBytes: 1 });
    expect(actualCoreFacts(parsed)).toEqual(expectedCoreFacts(fixture));
    expect(cacheCounters(parsed.response.usage as Record<string, unknown>)).toEqual(expectedCacheCounters(fixture));
  });

  it.each(streams.map((f) => [f.name, f] as const))(
    '%s: captured text equals the text deltas, whatever the chunk boundaries (7, 1 bytes)',
    (_name, fixture) => {
      const text = sseData(fixture)
        .filter((d) => d.type === 'content_block_delta' && d.delta?.type === 'text_delta')
        .map((d) => d.delta?.text)
        .join('');
      for (const chunkBytes of [7, 1]) {
        const { response } = parseFixture(fixture, { captureContent: true, chunkBytes });
        const [message] = response.outputMessages as Array<{ parts: Array<{ type: string; content?: string }> }>;
        expect(message!.parts.filter((p) => p.type === 'text').map((p) => p.content).join('')).toBe(text);
      }
    },
  );

  it('keeps input_tokens without the cache tokens, as the API reports it', () => {
    const { response } = parseFixture(loadFixture('anthropic--messages--prompt-cache-read'));
    expect(response.usage).toEqual({ inputTokens: 4, outputTokens: 202, cacheReadInputTokens: 1163, cacheCreationInputTokens: 0 });
  });

  it('takes input usage from message_start and output from message_delta', () => {
    const { response } = parseFixture(loadFixture('anthropic--messages--stream-prompt-cache-write'));
    expect(response.usage).toEqual({ inputTokens: 4, outputTokens: 201, cacheReadInputTokens: 0, cacheCreationInputTokens: 1165 });
  });
});

describe('Anthropic requests', () => {
  it('reads the legacy Text Completions parameters', () => {
    const { match, request } = parseFixture(loadFixture('anthropic--complete--legacy-text-completion'));
    expect(match.api.name).toBe('anthropic');
    expect(request).toEqual({
      provider: 'anthropic', operation: 'text_completion', model: 'claude-instant-1.2', stream: false, topP: 0.1, maxTokens: 2048,
    });
  });

  it('marks a beta structured-output request as JSON output', () => {
    const { request } = parseFixture(loadFixture('anthropic--messages--structured-output-beta'));
    expect(request).toEqual({
      provider: 'anthropic', operation: 'chat', model: 'claude-sonnet-4-5-20250929', stream: false, maxTokens: 1024, outputType: 'json',
    });
  });

  it('reads the stream flag from the body', () => {
    const { request } = parseFixture(loadFixture('anthropic--messages--stream-claude3-haiku'));
    expect(request).toEqual({ provider: 'anthropic', operation: 'chat', model: 'claude-3-haiku-20240307', stream: true, maxTokens: 1024 });
  });

  it('reads no content unless capture is on', () => {
    const { request } = parseFixture(loadFixture('anthropic--messages--tool-result-history'));
    expect(request.content).toBeUndefined();
  });
});

describe('Anthropic content capture', () => {
  it('maps the system prompt to system instructions', () => {
    const { request } = parseFixture(loadFixture('anthropic--messages--system-prompt'), { captureContent: true });
    expect(request.content).toEqual({
      inputMessages: [{ role: 'user', parts: [{ type: 'text', content: 'What is the weather in San Francisco?' }] }],
      systemInstructions: [
        { type: 'text', content: 'You help generate concise summaries of news articles and blog posts that user sends you.' },
      ],
    });
  });

  it('maps a tool-use history to assistant tool calls and a tool turn, and tools to definitions', () => {
    const { request, response } = parseFixture(loadFixture('anthropic--messages--tool-result-history'), { captureContent: true });
    expect(request.content?.inputMessages).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'What is the weather and current time in San Francisco?' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: "I'll help you get the weather and current time in San Francisco." },
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { location: 'San Francisco, CA' } },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'Sunny and 65 degrees Fahrenheit' }] },
    ]);
    expect((request.content?.toolDefinitions as Array<{ name: string; type: string }>).map((t) => [t.type, t.name])).toEqual([
      ['function', 'get_weather'],
      ['function', 'get_time'],
    ]);
    expect(response.outputMessages).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'toolu_01K5KhMEdg2McN7dAkB4Y4hi', name: 'get_time', arguments: { timezone: 'America/Los_Angeles' } }],
        finish_reason: 'tool_use',
      },
    ]);
  });

  it('assembles streamed tool-call arguments from input_json_delta pieces split at every byte', () => {
    const { response } = parseFixture(loadFixture('anthropic--messages--stream-tool-use'), { captureContent: true, chunkBytes: 1 });
    const [message] = response.outputMessages as Array<{ parts: unknown[]; finish_reason: string }>;
    expect(message!.finish_reason).toBe('tool_use');
    expect(message!.parts.slice(1)).toEqual([
      { type: 'tool_call', id: 'toolu_014x5X91kx3fvdhpLvwXZWE2', name: 'get_weather', arguments: { location: 'San Francisco, CA', unit: 'celsius' } },
      { type: 'tool_call', id: 'toolu_0121kXsENLvoDZ72LCuAnCCz', name: 'get_time', arguments: { timezone: 'America/Los_Angeles' } },
    ]);
  });

  it('reports extended thinking as a reasoning part, streamed or not', () => {
    for (const name of ['anthropic--messages--extended-thinking', 'anthropic--messages--stream-extended-thinking']) {
      const { response } = parseFixture(loadFixture(name), { captureContent: true });
      const [message] = response.outputMessages as Array<{ parts: Array<{ type: string; content: string }> }>;
      expect(message!.parts.map((p) => p.type), name).toEqual(['reasoning', 'text']);
      expect(message!.parts[0]!.content, name).toMatch(/^Let me count/);
      expect(message!.parts[1]!.content, name).toBe('The letter \'r\' appears 3 times in the word "strawberry".');
    }
  });

  it('maps a base64 image to a blob part', () => {
    const fixture = loadFixture('anthropic--messages--image-input');
    const { request } = parseFixture(fixture, { captureContent: true });
    const [message] = request.content?.inputMessages as Array<{ parts: Array<Record<string, unknown>> }>;
    expect(message!.parts[0]).toEqual({ type: 'text', content: 'What do you see?' });
    expect(message!.parts[1]).toMatchObject({ type: 'blob', modality: 'image', mime_type: 'image/jpeg' });
    expect((message!.parts[1]!.content as string).startsWith('/9j/4gxYSUNDX1BST0ZJTEUAAQEAAAxITGlubwIQAABtbnRy')).toBe(true);
  });

  it('maps the legacy completion text to an output message', () => {
    const { request, response } = parseFixture(loadFixture('anthropic--complete--legacy-text-completion'), { captureContent: true });
    expect(request.content).toEqual({ inputMessages: [{ role: 'user', parts: [{ type: 'text', content: '\n\nHuman:\nHello world\n\n\nAssistant:' }] }] });
    expect(response.outputMessages).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: ' Hello!' }], finish_reason: 'stop_sequence' }]);
  });
});

describe('Anthropic streams that go wrong', () => {
  const fixture = loadFixture('anthropic--messages--stream-claude3-haiku');
  const raw = fixtureResponseBytes(fixture).toString('utf8');

  it('keeps what message_start said when the stream is cut before message_delta', () => {
    const cut = raw.slice(0, raw.indexOf('event: message_delta'));
    const { response } = parseFixture(fixture, { body: Buffer.from(cut), chunkBytes: 5 });
    // The output counter is message_start's, the last one the API sent.
    expect(response).toEqual({
      responseId: 'msg_01MXWxhWoPSgrYhjTuMDM6F1',
      responseModel: 'claude-3-haiku-20240307',
      usage: { inputTokens: 17, outputTokens: 3 },
    });
  });

  it('skips an event whose data is not JSON and reads the rest', () => {
    const corrupt = raw.replace('event: ping\ndata: {"type": "ping"}', 'event: content_block_delta\ndata: {"type":"content_block_delta","ind');
    expect(corrupt).not.toBe(raw);
    const { response } = parseFixture(fixture, { body: Buffer.from(corrupt), chunkBytes: 3 });
    expect(actualCoreFacts({ ...parseFixture(fixture), response })).toEqual(expectedCoreFacts(fixture));
  });

  it('records a mid-stream error event as the error type and message', () => {
    const cut = raw.slice(0, raw.indexOf('event: message_delta'));
    const error = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const { response } = parseFixture(fixture, { body: Buffer.from(cut + error) });
    expect(response).toMatchObject({ responseId: 'msg_01MXWxhWoPSgrYhjTuMDM6F1', errorType: 'overloaded_error', errorMessage: 'Overloaded' });
    expect(response.finishReasons).toBeUndefined();
  });

  it('returns no facts, and does not throw, for bytes that are not SSE at all', () => {
    const { response } = parseFixture(fixture, { body: Uint8Array.from([0xff, 0xfe, 0x00, 0x7b, 0x0a, 0x0a]) });
    expect(response).toEqual({});
  });
});
