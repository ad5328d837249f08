import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures, type Fixture } from '../helpers/fixtures.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { checkFixtureSpan, describeFailures } from '../helpers/expected-attributes.js';
import { googleDriver, isGoogle } from './drivers/google-driver.js';
import { replayWithDriver, type Replay } from './replay-runner.js';

const fixtures = listFixtures(isGoogle);

/**
 * Every Gemini API and Vertex AI recording, in a child process under `--import ./register.js`:
 * through `@google/genai` (Gemini API key backend and Vertex AI project/location backend; the
 * Python SDK's `enum-encoding=int` calls through fetch with their recorded URL), JSON bodies
 * gzip-compressed; then all of them through raw fetch with streams split into 23-byte chunks.
 */
describe.each([
  ['genai', { compress: true }],
  ['fetch', { chunkBytes: 23 }],
] as const)('Google recordings through %s', (client, serverOptions) => {
  let receiver: OtlpReceiver;
  let replay: Replay;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(googleDriver(client), fixtures, receiver, serverOptions);
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  it('runs the app to completion with every call answered', () => {
    expect(replay.run.code, replay.run.stderr).toBe(0);
    // The error recordings have the Python SDK's query, so they go through fetch, which resolves on a 4xx.
    expect(replay.run.results).toEqual(fixtures.map((f) => expect.objectContaining({ fixture: f.name, ok: true })));
  });

  it('exports exactly one span per LLM call', () => {
    expect(replay.fixtures.map((f) => f.requests)).toEqual(fixtures.map(() => 1));
    expect(replay.spans).toHaveLength(fixtures.length);
  });

  it.each(fixtures.map((f) => [f.name] as const))('%s: span carries every expected value', (name) => {
    const { fixture, span } = replay.fixtures.find((f) => f.fixture.name === name)!;
    expect(span, `no span whose id matches the traceparent the server received for ${name}`).toBeDefined();
    expect(describeFailures(name, checkFixtureSpan(fixture, span!))).toEqual([]);
    expect(span!.kind).toBe(3); // CLIENT
    expect(span!.parentSpanId).toBeUndefined();
    expect(span!.name).toBe(`${fixture.expected.operation} ${fixture.expected.model_request}`);
  });

  it('sends the path the provider would have seen', () => {
    for (const { fixture } of replay.fixtures) {
      const recorded = new URL(fixture.request.url);
      const sent = replay.servers.get(fixture.provider)!.received.find((r) => r.fixture === fixture.name)!;
      expect(sent.url, fixture.name).toBe(recorded.pathname + recorded.search);
      const viaSdk = client === 'genai' && !recorded.search.includes('enum-encoding');
      expect(String(sent.headers['user-agent']).startsWith('google-genai-sdk/'), fixture.name).toBe(viaSdk);
    }
  });

  it('puts no credential on any span', () => {
    const everything = JSON.stringify(replay.spans.map((s) => s.attributes));
    expect(everything).not.toMatch(/AIza-test|ya29\.test|Bearer/);
  });

  if (client === 'fetch') {
    it('hands the app every response byte unchanged', () => {
      for (const { fixture, result } of replay.fixtures) {
        const sent = replay.servers.get(fixture.provider)!.received.find((r) => r.fixture === fixture.name)!;
        expect(result?.sha256, fixture.name).toBe(sent.responseSha256);
      }
    });
  }
});

/** The streamed text of an SSE recording, read independently of the code under test. */
function streamedText(fixture: Fixture): string {
  return (fixture.response.body as string)
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => (JSON.parse(line.slice(5)) as { candidates: Array<{ content: { parts: Array<{ text: string }> } }> }))
    .map((chunk) => chunk.candidates[0]!.content.parts.map((p) => p.text).join(''))
    .join('');
}

/** Content capture on (opt-in), through @google/genai's Vertex AI backend. */
describe('Google recordings with capture_content: true', () => {
  const chosen = listFixtures((f) =>
    ['gcp.vertex_ai--streamGenerateContent--genai-sdk-sse', 'gcp.vertex_ai--generateContent--enum-int-function-calls'].includes(f.name),
  );
  let receiver: OtlpReceiver;
  let replay: Replay;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(googleDriver('genai'), chosen, receiver, { extraYaml: ['    capture_content: true'], chunkBytes: 17 });
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  const replayed = (name: string) => replay.fixtures.find((f) => f.fixture.name === name)!;

  it('records the prompt and the streamed poem as one text part', () => {
    const { fixture, span } = replayed('gcp.vertex_ai--streamGenerateContent--genai-sdk-sse');
    expect(span!.attributes['gen_ai.input.messages']).toBe(
      JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Create a poem about Open Telemetry.' }] }]),
    );
    expect(JSON.parse(String(span!.attributes['gen_ai.output.messages']))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: streamedText(fixture) }], finish_reason: 'STOP' },
    ]);
  });

  it('records function declarations and the integer finish reason of the reply', () => {
    const { span } = replayed('gcp.vertex_ai--generateContent--enum-int-function-calls');
    const tools = JSON.parse(String(span!.attributes['gen_ai.tool.definitions'])) as Array<{ type: string; name: string }>;
    expect(tools.map((t) => [t.type, t.name])).toEqual([['function', 'get_current_weather']]);
    const [message] = JSON.parse(String(span!.attributes['gen_ai.output.messages'])) as Array<{ finish_reason: unknown }>;
    expect(message!.finish_reason).toBe(1);
  });
});
