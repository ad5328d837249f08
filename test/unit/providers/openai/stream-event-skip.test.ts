import { describe, expect, it } from 'vitest';
import { listFixtures } from '../../../helpers/fixtures.js';
import { parseFixture } from '../../../helpers/parse-fixture.js';
import { isBareChatDelta, isResponsesDelta } from '../../../../src/providers/openai/stream-event-skip.js';
import { seededRandom } from '../../../helpers/seeded-random.js';

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

/** What the JSON says: no error, no usage object, and every choice still running. */
function parsedIsBare(data: string): boolean {
  const chunk = JSON.parse(data) as { error?: unknown; usage?: unknown; x_groq?: { usage?: unknown }; choices?: { finish_reason?: unknown }[] };
  if (chunk.error !== undefined || (chunk.usage !== null && typeof chunk.usage === 'object') || chunk.x_groq?.usage !== undefined) return false;
  return (chunk.choices ?? []).length > 0 && chunk.choices!.every((choice) => choice.finish_reason === null);
}

describe('isBareChatDelta on seeded streams', () => {
  // Content texts that could fool a text test: quotes, backslashes, text that spells the keys, unicode.
  const TEXTS = ['Hello', ' world', '', 'a\\"b', 'ends in \\\\', 'tab\\t', '\\"finish_reason\\":\\"stop\\"', '\\u00e9t\\u00e9', 'error', 'usage', '😀'];
  // OpenAI ends every chunk with a different padding value (`obfuscation`).
  const OBFUSCATIONS = ['Jpwd', 'v7E', '', 'a\\"b', 'x\\\\', 'error', '\\"},\\"usage\\":{', '😀'];
  const chunk = (id: string, text: string, finish: string | null, extra = '') =>
    `{"id":"${id}","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"${text}"},"logprobs":null,"finish_reason":${finish === null ? 'null' : `"${finish}"`}}]${extra}}`;

  it('calls an event bare only when its JSON says so', () => {
    const random = seededRandom(5);
    const pickOf = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    let bareEvents = 0;
    for (let i = 0; i < 24_000; i += 1) {
      const pick = random();
      const text = pickOf(TEXTS);
      const tail = random() < 0.5 ? `,"obfuscation":"${pickOf(OBFUSCATIONS)}"` : random() < 0.3 ? ',"usage":null' : '';
      const data =
        pick < 0.75 ? chunk('chatcmpl-1', text, null, tail)
        : pick < 0.8 ? chunk('chatcmpl-1', text, null, `${tail},"usage":{"prompt_tokens":1,"completion_tokens":2}`)
        : pick < 0.85 ? chunk('chatcmpl-1', text, random() < 0.5 ? 'stop' : 'length', tail)
        : pick < 0.9 ? chunk('chatcmpl-1', text, null, `,"usage":{"prompt_tokens":1,"completion_tokens":2}${tail}`)
        : pick < 0.95 ? `{"error":{"message":"${text}","type":"server_error"}}`
        : `{"id":"c","choices":[{"index":0,"delta":{"content":"${text}"},"finish_reason":null},{"index":1,"delta":{"content":"${text}"},"finish_reason":${random() < 0.5 ? 'null' : '"stop"'}}]${tail}}`;
      const bare = isBareChatDelta(data);
      if (bare) expect(parsedIsBare(data), data).toBe(true);
      if (bare) bareEvents += 1;
    }
    expect(bareEvents).toBeGreaterThan(12_000);
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
