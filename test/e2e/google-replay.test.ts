import { describe, expect, it } from 'vitest';
import { listFixtures, type Fixture } from '../helpers/fixtures.js';
import { googleDriver, isGoogle } from './drivers/google-driver.js';
import { replayOf, requestFor, standardReplayTests, useReplay } from './replay-suite.js';

const fixtures = listFixtures(isGoogle);

/**
 * Every Gemini API and Vertex AI recording, in a child process under `--import ./register.js`:
 * through `@google/genai` (Gemini API key backend and Vertex AI project/location backend; the
 * Python SDK's `enum-encoding=int` calls through fetch with their recorded URL), JSON bodies
 * gzip-compressed, to a host nobody mapped (recognised by the `models/<id>:generateContent` path);
 * then all of them through raw fetch to mapped hosts, streams split into 23-byte chunks.
 */
describe.each([
  ['genai', { compress: true, unmapped: true }],
  ['fetch', { chunkBytes: 23 }],
] as const)('Google recordings through %s', (client, serverOptions) => {
  const replay = useReplay(googleDriver(client), fixtures, serverOptions);

  // Every call answered: the error recordings have the Python SDK's query, so they go through
  // fetch, which resolves on a 4xx.
  standardReplayTests(replay, fixtures, {
    credentials: /AIza-test|ya29\.test|Bearer/,
    unchangedBytes: client === 'fetch',
  });

  it('sends the path the provider would have seen', () => {
    for (const { fixture } of replay().fixtures) {
      const recorded = new URL(fixture.request.url);
      const sent = requestFor(replay(), fixture);
      expect(sent.url, fixture.name).toBe(recorded.pathname + recorded.search);
      const viaSdk = client === 'genai' && !recorded.search.includes('enum-encoding');
      expect(String(sent.headers['user-agent']).startsWith('google-genai-sdk/'), fixture.name).toBe(viaSdk);
    }
  });
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
  const replay = useReplay(googleDriver('genai'), chosen, { extraYaml: ['    capture_content: true'], chunkBytes: 17 });
  const replayed = (name: string) => replayOf(replay(), name);

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
    expect(message!.finish_reason).toBe('1');
  });
});
