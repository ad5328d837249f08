import { describe, expect, it } from 'vitest';
import { listFixtures } from '../../../helpers/fixtures.js';
import { parseFixture } from '../../../helpers/parse-fixture.js';
import { isBareChatDelta, isResponsesDelta } from '../../../../src/providers/openai/stream-event-skip.js';

describe('isBareChatDelta', () => {
  it.each([
    ['a content delta', '{"id":"c","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}', true],
    ['a delta with usage: null (include_usage)', '{"id":"c","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}],"usage":null}', true],
    ['spaces around colons', '{"id": "c", "choices": [{"index": 0, "delta": {"content": "hi"}, "finish_reason": null}]}', true],
    ['two running choices', '{"choices":[{"index":0,"finish_reason":null},{"index":1,"finish_reason":null}]}', true],
    ['a finish reason', '{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}', false],
    ['one of two choices finished', '{"choices":[{"index":0,"finish_reason":null},{"index":1,"finish_reason":"length"}]}', false],
    ['a usage object', '{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2}}', false],
    ['Groq usage under x_groq', '{"choices":[{"index":0,"delta":{},"finish_reason":null}],"x_groq":{"id":"r","usage":{"prompt_tokens":1}}}', false],
    ['an error', '{"error":{"type":"server_error","message":"boom"}}', false],
    ['no finish_reason key at all', '{"id":"c","choices":[{"index":0,"delta":{"content":"hi"}}]}', false],
    ['model text that quotes the keys', '{"choices":[{"index":0,"delta":{"content":"\\"finish_reason\\":\\"stop\\", \\"usage\\": {"},"finish_reason":null}]}', true],
  ])('%s', (_name, data, expected) => {
    expect(isBareChatDelta(data)).toBe(expected);
  });
});

describe('isResponsesDelta', () => {
  it.each([
    ['an output text delta', '{"type":"response.output_text.delta","item_id":"m","output_index":0,"content_index":0,"delta":"Hi"}', true],
    ['a function call arguments delta', '{"type":"response.function_call_arguments.delta","item_id":"f","delta":"{\\"a\\""}', true],
    ['the completed event', '{"type":"response.completed","response":{"id":"resp_1","usage":{"input_tokens":1}}}', false],
    ['an error event', '{"type":"error","code":"server_error","message":"boom"}', false],
    ['a chat chunk', '{"choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}', false],
  ])('%s', (_name, data, expected) => {
    expect(isResponsesDelta(data)).toBe(expected);
  });
});

/** Skipping must not change a fact: every OpenAI-compatible stream, parsed with and without content. */
describe('skipping bare deltas keeps every fact of the recorded OpenAI-compatible streams', () => {
  const streams = listFixtures((f) => f.stream && typeof f.response.body === 'string' && ['openai', 'azure.ai.openai', 'groq', 'deepseek', 'together', 'mistral_ai', 'writer'].includes(f.provider));

  it('covers the recorded streams', () => {
    expect(streams.length).toBeGreaterThanOrEqual(15);
  });

  it.each(streams.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const withoutContent = parseFixture(fixture, { chunkBytes: 23 }).response;
    const { outputMessages: _content, ...withContent } = parseFixture(fixture, { chunkBytes: 23, captureContent: true }).response;
    expect(withoutContent).toEqual(withContent);
  });
});
