import { describe, expect, it } from 'vitest';
import { fixtureResponseBytes, listFixtures, loadFixture, type Fixture } from '../../../helpers/fixtures.js';
import { actualCoreFacts, expectedCoreFacts, parseFixture } from '../../../helpers/parse-fixture.js';

const fixtures = listFixtures((f) => f.provider === 'gcp.gemini' || f.provider === 'gcp.vertex_ai');
const streams = fixtures.filter((f) => typeof f.response.body === 'string');

/** Reasoning and cached counters as `expected` states them. */
function expectedExtraCounters(fixture: Fixture): Record<string, number> {
  const e = fixture.expected as Record<string, unknown>;
  const out: Record<string, number> = {};
  if (typeof e.reasoning_tokens === 'number') out.reasoningOutputTokens = e.reasoning_tokens;
  if (typeof e.cached_input_tokens === 'number') out.cacheReadInputTokens = e.cached_input_tokens;
  return out;
}

function extraCounters(usage: { reasoningOutputTokens?: number; cacheReadInputTokens?: number } | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (usage?.reasoningOutputTokens !== undefined) out.reasoningOutputTokens = usage.reasoningOutputTokens;
  if (usage?.cacheReadInputTokens !== undefined) out.cacheReadInputTokens = usage.cacheReadInputTokens;
  return out;
}

/** The SSE `data:` payloads, parsed independently of the code under test. */
function sseChunks(fixture: Fixture): unknown[] {
  return (fixture.response.body as string)
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => JSON.parse(line.slice(5)));
}

/**
 * The same stream as `:streamGenerateContent` without `alt=sse` sends it: a JSON array of the
 * chunks, written out one by one (the API separates items with `,\r\n`).
 */
function asJsonArrayStream(fixture: Fixture): Fixture {
  const items = sseChunks(fixture).map((chunk) => JSON.stringify(chunk, null, 2));
  const url = new URL(fixture.request.url);
  url.searchParams.delete('alt');
  return {
    ...fixture,
    request: { ...fixture.request, url: url.href },
    response: { ...fixture.response, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: `[${items.join(',\r\n')}]` },
  };
}

describe('Gemini API and Vertex AI recordings', () => {
  it('covers all 11 exchanges: 2 Gemini API, 9 Vertex AI, 2 streamed, 3 errors', () => {
    expect(fixtures.map((f) => f.provider).filter((p) => p === 'gcp.gemini')).toHaveLength(2);
    expect(fixtures).toHaveLength(11);
    expect(streams).toHaveLength(2);
    expect(fixtures.filter((f) => f.response.status >= 400)).toHaveLength(3);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: facts equal the expected values', (_name, fixture) => {
    const parsed = parseFixture(fixture);
    expect(actualCoreFacts(parsed)).toEqual(expectedCoreFacts(fixture));
    expect(extraCounters(parsed.response.usage)).toEqual(expectedExtraCounters(fixture));
    expect(parsed.response.errorType).toBe(fixture.expected.error_type ?? undefined);
  });

  it.each(streams.map((f) => [f.name, f] as const))('%s: the same facts when the stream arrives one byte at a time', (_name, fixture) => {
    const parsed = parseFixture(fixture, { chunkBytes: 1 });
    expect(actualCoreFacts(parsed)).toEqual(expectedCoreFacts(fixture));
    expect(extraCounters(parsed.response.usage)).toEqual(expectedExtraCounters(fixture));
  });

  it('reads integer finish reasons (enum-encoding=int) as their text, the string the conventions type them as', () => {
    expect(parseFixture(loadFixture('gcp.vertex_ai--generateContent--enum-int-gemini-2.5-pro')).response.finishReasons).toEqual(['1']);
    expect(parseFixture(loadFixture('gcp.vertex_ai--generateContent--enum-int-generation-config')).response.finishReasons).toEqual(['2']);
  });

  it('reports no output count when the response has no candidatesTokenCount', () => {
    const { response } = parseFixture(loadFixture('gcp.vertex_ai--generateContent--enum-int-generation-config'));
    // promptTokensDetails: [{ modality: 1 (TEXT), tokenCount: 5 }]
    expect(response.usage).toEqual({ inputTokens: 5, reasoningOutputTokens: 4, inputTokensByModality: { text: 5 } });
  });

  it('names the model from the URL and reads every generationConfig parameter', () => {
    const { match, request } = parseFixture(loadFixture('gcp.vertex_ai--generateContent--enum-int-generation-config'));
    expect(match.api.name).toBe('vertex_ai');
    expect(request).toEqual({
      provider: 'gcp.vertex_ai',
      operation: 'generate_content',
      model: 'gemini-2.5-pro',
      stream: false,
      temperature: 0.2,
      topP: 0.95,
      topK: 2,
      maxTokens: 5,
      stopSequences: ['\n\n\n'],
      presencePenalty: -1.5,
      frequencyPenalty: 1,
      seed: 12345,
    });
  });

  it('takes the stream flag from the streamGenerateContent method', () => {
    const { match, request } = parseFixture(loadFixture('gcp.vertex_ai--streamGenerateContent--genai-sdk-sse'));
    expect(match.urlStream).toBe(true);
    expect(request).toEqual({ provider: 'gcp.vertex_ai', operation: 'generate_content', model: 'gemini-2.5-flash', stream: true });
  });

  it('reads the error status as the type and the message', () => {
    const { response } = parseFixture(loadFixture('gcp.vertex_ai--generateContent--error-404-model-not-found'));
    expect(response).toEqual({
      errorType: 'NOT_FOUND',
      errorMessage: 'Publisher Model `projects/fake-project/locations/us-central1/publishers/google/models/gemini-does-not-exist` not found.',
    });
  });
});

describe('streamGenerateContent as a JSON array (no alt=sse)', () => {
  it.each(streams.map((f) => [f.name, f] as const))('%s: the same facts as the SSE form, in 5-byte pieces', (_name, sse) => {
    const fixture = asJsonArrayStream(sse);
    expect(fixture.request.url).not.toContain('alt=sse');
    const parsed = parseFixture(fixture, { chunkBytes: 5 });
    expect(actualCoreFacts(parsed)).toEqual(expectedCoreFacts(sse));
    expect(extraCounters(parsed.response.usage)).toEqual(expectedExtraCounters(sse));
  });

  it('joins the streamed text of each chunk into one text part', () => {
    const sse = loadFixture('gcp.vertex_ai--streamGenerateContent--genai-sdk-sse');
    const text = (sseChunks(sse) as Array<{ candidates: Array<{ content: { parts: Array<{ text: string }> } }> }>)
      .map((c) => c.candidates[0]!.content.parts[0]!.text)
      .join('');
    for (const fixture of [sse, asJsonArrayStream(sse)]) {
      const { response } = parseFixture(fixture, { captureContent: true, chunkBytes: 3 });
      expect(response.outputMessages).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: text }], finish_reason: 'STOP' }]);
    }
  });

  it('gives no response facts for an array cut short (it is parsed whole), without throwing', () => {
    const fixture = asJsonArrayStream(loadFixture('gcp.vertex_ai--streamGenerateContent--genai-sdk-sse'));
    const bytes = fixtureResponseBytes(fixture);
    expect(parseFixture(fixture, { body: bytes.subarray(0, bytes.length - 40) }).response).toEqual({});
  });
});

describe('Gemini SSE streams that go wrong', () => {
  const fixture = loadFixture('gcp.vertex_ai--streamGenerateContent--genai-sdk-sse-async');
  const raw = fixtureResponseBytes(fixture).toString('utf8');
  const lastEvent = raw.lastIndexOf('data: ');

  it('keeps the id and model version when the stream is cut before its last chunk', () => {
    const { response } = parseFixture(fixture, { body: Buffer.from(raw.slice(0, lastEvent)), chunkBytes: 9 });
    // Chunks before the last carry no token counts and no finish reason.
    expect(response).toEqual({ responseId: '5izpaJ_VMqednvgP2KWkqQ8', responseModel: 'gemini-2.5-flash' });
  });

  it('skips an event whose data is not JSON and reads the rest', () => {
    const corrupt = `${raw.slice(0, lastEvent)}data: {"candidates": [{"content": \r\n\r\n${raw.slice(lastEvent)}`;
    const parsed = parseFixture(fixture, { body: Buffer.from(corrupt), chunkBytes: 4 });
    expect(actualCoreFacts(parsed)).toEqual(expectedCoreFacts(fixture));
  });

  it('records an error object sent as a stream event', () => {
    const error = 'data: {"error": {"code": 429, "message": "Resource exhausted", "status": "RESOURCE_EXHAUSTED"}}\r\n\r\n';
    const { response } = parseFixture(fixture, { body: Buffer.from(raw.slice(0, lastEvent) + error) });
    expect(response).toMatchObject({ errorType: 'RESOURCE_EXHAUSTED', errorMessage: 'Resource exhausted' });
  });
});

describe('Gemini content capture', () => {
  it('maps function calls and responses to tool calls and a tool turn, and declarations to definitions', () => {
    const { request, response } = parseFixture(loadFixture('gcp.vertex_ai--generateContent--enum-int-function-calls'), {
      captureContent: true,
    });
    expect(request.content?.inputMessages).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Get weather details in New Delhi and San Francisco?' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'tool_call', name: 'get_current_weather', arguments: { location: 'New Delhi' } },
          { type: 'tool_call', name: 'get_current_weather', arguments: { location: 'San Francisco' } },
        ],
      },
      {
        role: 'tool',
        parts: [
          { type: 'tool_call_response', response: { content: '{"temperature": 35, "unit": "C"}' } },
          { type: 'tool_call_response', response: { content: '{"temperature": 25, "unit": "C"}' } },
        ],
      },
    ]);
    expect(request.content?.toolDefinitions).toEqual([
      expect.objectContaining({ type: 'function', name: 'get_current_weather', description: 'Get the current weather in a given location' }),
    ]);
    expect(response.outputMessages).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'The current temperature in New Delhi is 35°C, and in San Francisco, it is 25°C.' }],
        finish_reason: '1',
      },
    ]);
  });
});
