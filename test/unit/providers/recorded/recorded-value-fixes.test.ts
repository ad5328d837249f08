import { describe, expect, it } from 'vitest';
import { fixtureResponseBytes, loadFixture, type Fixture } from '../../../helpers/fixtures.js';
import { parseFixture } from '../../../helpers/parse-fixture.js';

/**
 * Three classes of wrong values that recorded exchanges showed, each pinned on a real recorded
 * body: usage lost when a stream chunk also carries an error, Cohere's `cached_tokens` dropped,
 * and Vertex's integer finish reasons exported as numbers.
 */

/** A Cohere exchange recorded in another project's test cassettes, in our fixture shape. */
function cohereV2Recording(name: string, source: Fixture['source'], stream: boolean, body: unknown): Fixture {
  return {
    name,
    source,
    provider: 'cohere',
    api: 'v2.chat',
    stream,
    request: { method: 'POST', url: 'https://api.cohere.com/v2/chat', headers: {}, body: { model: 'command-a-03-2025', stream } },
    response: { status: 200, headers: { 'content-type': stream ? 'text/event-stream' : 'application/json' }, body },
    expected: {
      model_request: 'command-a-03-2025', model_response: null, response_id: null, input_tokens: null, output_tokens: null,
      finish_reasons: null, operation: 'chat',
    },
  };
}

/**
 * Recorded by 0xPlaygrounds/rig (MIT), crates/rig-cassette/fixtures/cassettes/cohere/agent/
 * max_tokens_sets_max_tokens_finish_reason.yaml at f39c79781d0c7bad138472e9efdea50614785c85:
 * the response body, byte for byte.
 */
const COHERE_V2_JSON = cohereV2Recording(
  'rig cohere max_tokens_sets_max_tokens_finish_reason',
  {
    repo: '0xPlaygrounds/rig', path: 'crates/rig-cassette/fixtures/cassettes/cohere/agent/max_tokens_sets_max_tokens_finish_reason.yaml',
    commit: 'f39c79781d0c7bad138472e9efdea50614785c85', interaction_index: 0, license: 'MIT', recorded_with: 'rig-cassette',
  },
  false,
  JSON.parse(
    '{"finish_reason":"MAX_TOKENS","id":"20ae3cc4-46d2-4e78-8566-83649fbfc218","message":{"content":[{"text":"The ocean,","type":"text"}],"role":"assistant"},"usage":{"billed_units":{"input_tokens":11,"output_tokens":3},"cached_tokens":448,"tokens":{"input_tokens":506,"output_tokens":4}}}',
  ),
);

/**
 * Recorded by 0xPlaygrounds/rig (MIT), crates/rig-cassette/fixtures/cassettes/cohere/prompt_caching/
 * streaming_probe.yaml at 4cf3a3c1d222df1fb402942dda510766671a9b79: the SSE body, byte for byte.
 */
const COHERE_V2_STREAM = cohereV2Recording(
  'rig cohere prompt_caching streaming_probe',
  {
    repo: '0xPlaygrounds/rig', path: 'crates/rig-cassette/fixtures/cassettes/cohere/prompt_caching/streaming_probe.yaml',
    commit: '4cf3a3c1d222df1fb402942dda510766671a9b79', interaction_index: 0, license: 'MIT', recorded_with: 'rig-cassette',
  },
  true,
  [
    'event: message-start',
    'data: {"delta":{"message":{"citations":[],"content":[],"role":"assistant","tool_calls":[],"tool_plan":""}},"id":"de975fdc-936c-4f53-879d-d215f1b161f1","type":"message-start"}',
    '',
    'event: content-start',
    'data: {"delta":{"message":{"content":{"text":"","type":"text"}}},"index":0,"type":"content-start"}',
    '',
    'event: content-delta',
    'data: {"delta":{"message":{"content":{"text":"probe"}}},"index":0,"type":"content-delta"}',
    '',
    'event: content-delta',
    'data: {"delta":{"message":{"content":{"text":" still"}}},"index":0,"type":"content-delta"}',
    '',
    'event: content-delta',
    'data: {"delta":{"message":{"content":{"text":" ready"}}},"index":0,"type":"content-delta"}',
    '',
    'event: content-end',
    'data: {"index":0,"type":"content-end"}',
    '',
    'event: message-end',
    'data: {"delta":{"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":4612,"output_tokens":3},"cached_tokens":6016,"tokens":{"input_tokens":6085,"output_tokens":6}}},"type":"message-end"}',
    '',
    'data: [DONE]',
    '',
    '',
  ].join('\n'),
);

describe('Cohere v2 usage.cached_tokens', () => {
  it('a JSON answer reports its cached tokens as cache reads, beside the billed units', () => {
    const { response } = parseFixture(COHERE_V2_JSON);
    expect(response.usage).toEqual({ inputTokens: 11, outputTokens: 3, cacheReadInputTokens: 448 });
    expect(response.finishReasons).toEqual(['MAX_TOKENS']);
  });

  it.each([[undefined], [9]])('a stream reports them from message-end (pushed in %s-byte pieces)', (chunkBytes) => {
    const { response } = parseFixture(COHERE_V2_STREAM, { chunkBytes });
    expect(response.usage).toEqual({ inputTokens: 4612, outputTokens: 3, cacheReadInputTokens: 6016 });
    expect(response.finishReasons).toEqual(['COMPLETE']);
  });
});

/**
 * OpenRouter documents that a stream failing after its 200 status ends with a chunk that carries
 * a top-level `error` (`{"code": ..., "message": ...}`) beside the usual chunk fields. No
 * recording of such a chunk with usage was found, so the recorded OpenAI stream below gets that
 * envelope on its final usage chunk, exactly as such a router sends it.
 */
describe('a stream chunk with both an error and a usage', () => {
  const recorded = loadFixture('openai--chat.completions--stream-include-usage');
  const usageChunk = '"choices":[],"usage":{"prompt_tokens":22';
  const text = fixtureResponseBytes(recorded).toString('utf8');

  it('the recording has the usage chunk the test edits', () => {
    expect(text.split(usageChunk)).toHaveLength(2);
  });

  const failed = Buffer.from(
    text.replace(usageChunk, `"error":{"code":502,"message":"Provider returned error"},${usageChunk}`),
    'utf8',
  );

  it.each([[undefined], [13]])('keeps the usage and the error (pushed in %s-byte pieces)', (chunkBytes) => {
    const { response } = parseFixture(recorded, { body: failed, chunkBytes });
    expect(response).toMatchObject({
      responseId: 'chatcmpl-BuDrRRWybY6JHzabaUyR2OtaEGp79',
      responseModel: 'gpt-4o-mini-2024-07-18',
      finishReasons: ['stop'],
      usage: { inputTokens: 22, outputTokens: 4, cacheReadInputTokens: 0, reasoningOutputTokens: 0 },
      errorType: '502',
      errorMessage: 'Provider returned error',
    });
  });
});

describe('integer finish reasons (Vertex AI with enum-encoding=int)', () => {
  it.each([
    ['gcp.vertex_ai--generateContent--enum-int-gemini-2.5-pro', ['1']],
    ['gcp.vertex_ai--generateContent--enum-int-function-calls', ['1']],
    ['gcp.vertex_ai--generateContent--enum-int-generation-config', ['2']],
  ])('%s: the recorded integers become the strings the conventions type them as', (name, reasons) => {
    const fixture = loadFixture(name);
    expect(fixture.expected.finish_reasons?.every((r) => typeof r === 'number')).toBe(true);
    expect(parseFixture(fixture).response.finishReasons).toEqual(reasons);
  });
});
