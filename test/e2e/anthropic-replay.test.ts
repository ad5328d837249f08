import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures, type Fixture } from '../helpers/fixtures.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { anthropicDriver, isAnthropic } from './drivers/anthropic-driver.js';
import { replayWithDriver, type Replay } from '../helpers/replay-runner.js';
import { replayOf, requestFor, standardReplayTests, useReplay } from './replay-suite.js';

const fixtures = listFixtures(isAnthropic);

/** The instrumentation scope of the Anthropic SDK's own call spans. */
const ANTHROPIC_SDK_SCOPE = 'com.anthropic.sdk.typescript';

/**
 * Every Anthropic recording through the official `@anthropic-ai/sdk` in a child process under
 * `--import ./register.js`: JSON bodies gzip-compressed as the API sends them, to a host mapped to
 * `api: anthropic`; then streams split into 23-byte chunks so SSE events break mid-line and
 * mid-UTF-8 character, to a host nobody mapped (recognised by `/v1/messages` and the SDK's
 * `anthropic-version` header).
 */
describe.each([
  ['gzip JSON bodies', { compress: true }],
  ['streams in 23-byte chunks, unknown host', { chunkBytes: 23, unmapped: true }],
] as const)('Anthropic recordings through @anthropic-ai/sdk (%s)', (_label, serverOptions) => {
  const replay = useReplay(anthropicDriver(), fixtures, serverOptions);

  standardReplayTests(replay, fixtures, { credentials: /sk-ant-test/ });

  it('exports none of the SDK\'s own spans', () => {
    expect(replay().spans.filter((s) => s.scope.name === ANTHROPIC_SDK_SCOPE)).toEqual([]);
  });
});

/** The spans of the trace that the server's one request for `fixture` belongs to. */
function traceOf(replay: Replay, fixture: Fixture): ReceivedSpan[] {
  const traceId = String(requestFor(replay, fixture).headers.traceparent).split('-')[1];
  return replay.spans.filter((s) => s.traceId === traceId);
}

const TOKEN_KEYS = ['gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens', 'gen_ai.usage.cache_read.input_tokens'];

/** Token attributes over all spans of a trace: a key that two spans carry appears twice. */
function tokenAttributes(spans: ReceivedSpan[]): Array<[string, unknown]> {
  return spans.flatMap((s) => TOKEN_KEYS.filter((k) => k in s.attributes).map((k): [string, unknown] => [k, s.attributes[k]]));
}

/**
 * The Anthropic SDK 1.x starts its own span per call once a tracer provider is registered. Our
 * register switches that off through the SDK's documented `ANTHROPIC_OPEN_TELEMETRY` variable
 * (src/sdk/defer-anthropic-sdk-spans.ts) unless the user set it.
 */
describe('the Anthropic SDK\'s own spans', () => {
  const chosen = listFixtures((f) =>
    ['anthropic--messages--prompt-cache-read', 'anthropic--messages--stream-prompt-cache-read'].includes(f.name),
  );
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('are off by default: one chat span per call, tokens counted once, one traceparent sent', async () => {
    const replay = await replayWithDriver(anthropicDriver(), chosen, receiver);
    try {
      expect(replay.run.code, replay.run.stderr).toBe(0);
      for (const fixture of chosen) {
        const spans = traceOf(replay, fixture);
        expect(spans.map((s) => [s.name, s.scope.name])).toEqual([[`chat ${fixture.expected.model_request}`, 'llm-otel']]);
        // The provider's own input counter (cache reads excluded), once.
        expect(tokenAttributes(spans)).toEqual([
          ['gen_ai.usage.input_tokens', fixture.expected.input_tokens],
          ['gen_ai.usage.output_tokens', fixture.expected.output_tokens],
          ['gen_ai.usage.cache_read.input_tokens', fixture.expected.cache_read_input_tokens],
        ]);
        expect(requestFor(replay, fixture).headers.traceparent).toBe(`00-${spans[0]!.traceId}-${spans[0]!.spanId}-01`);
      }
    } finally {
      await replay.close();
    }
  });

  it('stay on when the user sets ANTHROPIC_OPEN_TELEMETRY, with our span as the child of theirs', async () => {
    const replay = await replayWithDriver(anthropicDriver(), chosen, receiver, { env: { ANTHROPIC_OPEN_TELEMETRY: 'true' } });
    try {
      expect(replay.run.code, replay.run.stderr).toBe(0);
      for (const fixture of chosen) {
        const spans = traceOf(replay, fixture);
        const sdkSpan = spans.find((s) => s.scope.name === ANTHROPIC_SDK_SCOPE);
        const ours = spans.find((s) => s.scope.name === 'llm-otel');
        expect(spans).toHaveLength(2);
        expect(sdkSpan?.name).toBe('anthropic.messages.create');
        expect(ours?.name).toBe(`chat ${fixture.expected.model_request}`);
        expect(ours?.parentSpanId).toBe(sdkSpan?.spanId);
      }
    } finally {
      await replay.close();
    }
  });
});

/** Content capture on (opt-in): prompts, tools and completions reach the span in the conventions' shapes. */
describe('Anthropic recordings with capture_content: true', () => {
  const chosen = listFixtures((f) =>
    ['anthropic--messages--system-prompt', 'anthropic--messages--stream-tool-use', 'anthropic--messages--structured-output-beta'].includes(
      f.name,
    ),
  );
  const replay = useReplay(anthropicDriver(), chosen, { extraYaml: ['    capture_content: true'] });
  const spanOf = (name: string) => replayOf(replay(), name).span!;

  it('records the system prompt, the messages and the reply', () => {
    const span = spanOf('anthropic--messages--system-prompt');
    const reply = (chosen.find((f) => f.name === 'anthropic--messages--system-prompt')!.response.body as { content: Array<{ text: string }> })
      .content[0]!.text;
    expect(span.attributes['gen_ai.system_instructions']).toBe(
      JSON.stringify([{ type: 'text', content: 'You help generate concise summaries of news articles and blog posts that user sends you.' }]),
    );
    expect(span.attributes['gen_ai.input.messages']).toBe(
      JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'What is the weather in San Francisco?' }] }]),
    );
    expect(JSON.parse(String(span.attributes['gen_ai.output.messages']))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: reply }], finish_reason: 'end_turn' },
    ]);
  });

  it('records tool definitions and the streamed tool calls', () => {
    const span = spanOf('anthropic--messages--stream-tool-use');
    const tools = JSON.parse(String(span.attributes['gen_ai.tool.definitions'])) as Array<{ type: string; name: string }>;
    expect(tools.map((t) => [t.type, t.name])).toEqual([
      ['function', 'get_weather'],
      ['function', 'get_time'],
    ]);
    const [message] = JSON.parse(String(span.attributes['gen_ai.output.messages'])) as Array<{ parts: Array<{ type: string }> }>;
    expect(message!.parts.filter((p) => p.type === 'tool_call')).toEqual([
      { type: 'tool_call', id: 'toolu_014x5X91kx3fvdhpLvwXZWE2', name: 'get_weather', arguments: { location: 'San Francisco, CA', unit: 'celsius' } },
      { type: 'tool_call', id: 'toolu_0121kXsENLvoDZ72LCuAnCCz', name: 'get_time', arguments: { timezone: 'America/Los_Angeles' } },
    ]);
  });

  it('marks the beta structured-output call as JSON output', () => {
    expect(spanOf('anthropic--messages--structured-output-beta').attributes['gen_ai.output.type']).toBe('json');
  });
});
