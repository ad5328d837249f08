import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STREAMED_CONTENT_CHARS } from '../../src/providers/stream/text-buffer.js';
import { fixtureResponseBytes, loadFixture } from '../helpers/fixtures.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';
import {
  chatChunk, fixedResponse, HUGE_STREAM_CHUNK_BYTES, hugeChatStream, startScriptedLlmServer,
  type ScriptedBehaviour, type ScriptedServer,
} from './helpers/scripted-llm-server.js';
import { findSecrets, SECRET_HEADERS } from './helpers/secret-scan.js';

const APP = path.join(REPO_ROOT, 'test/faults/apps/hostile-bodies.mjs');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

const CHAT_COMPLETION = JSON.stringify({
  id: 'chatcmpl-fault-json', object: 'chat.completion', created: 1_700_000_000, model: 'fault-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
});
const JSON_TYPE = { 'content-type': 'application/json' };
const SSE_TYPE = { 'content-type': 'text/event-stream' };
const USAGE = { usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } };

const TRUNCATED_SSE = chatChunk('a ') + chatChunk('b ') + 'data: {"id":"chatcmpl-fault-suite","object":"chat.comp';
const BAD_SSE_LINE = chatChunk('a ') + 'data: {this is not json}\n\n' + 'data:\n\n' + chatChunk('', 'stop', USAGE) + 'data: [DONE]\n\n';
const STREAMED_ANSWER = chatChunk('a ') + chatChunk('', 'stop', USAGE) + 'data: [DONE]\n\n';

const BAD_NDJSON_LINE = [
  JSON.stringify({ model: 'llama3', created_at: '2025-01-01T00:00:00Z', message: { role: 'assistant', content: 'a' }, done: false }),
  'not json at all',
  '{"model": "llama3", "message": {"role": "assist',
  JSON.stringify({ model: 'llama3', created_at: '2025-01-01T00:00:01Z', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 7, eval_count: 2 }),
  '',
].join('\n');

/** A recorded Bedrock ConverseStream answer (23 frames), with one frame spoiled. */
const BEDROCK_FIXTURE = loadFixture('aws.bedrock--converseStream--nova-lite');
const BEDROCK_PATH = '/model/amazon.nova-lite-v1%3A0/converse-stream';
function bedrockFrames(spoil: (bytes: Buffer, frameOffsets: number[]) => void): Buffer {
  const bytes = Buffer.from(fixtureResponseBytes(BEDROCK_FIXTURE));
  const offsets: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += bytes.readUInt32BE(offset)) offsets.push(offset);
  spoil(bytes, offsets);
  return bytes;
}
// Frame 5 is a contentBlockDelta: one payload byte flipped fails its message CRC.
const BAD_CRC = bedrockFrames((bytes, at) => {
  bytes[at[5]! + 40] ^= 0xff;
});
// Frame 3's length prefix claims 2 GiB: the framing is lost from there on.
const BAD_LENGTH = bedrockFrames((bytes, at) => bytes.writeUInt32BE(0x7fff_ffff, at[3]!));

const HUGE_BYTES = 200 * 1024 * 1024;
const HUGE_CHUNKS = Math.ceil(HUGE_BYTES / HUGE_STREAM_CHUNK_BYTES);
const HUGE_TAIL = Buffer.byteLength(
  chatChunk('', 'stop', { usage: { prompt_tokens: 2, completion_tokens: HUGE_CHUNKS, total_tokens: HUGE_CHUNKS + 2 } }) + 'data: [DONE]\n\n',
);
/**
 * Content capture is on in this run, so a stream's text is kept up to MAX_STREAMED_CONTENT_CHARS
 * (1 Mi characters, one byte each here) and written out once, cut to max_content_bytes. Reading
 * the 200 MiB stream may grow the app thread's heap and buffers by that text, a few copies of it
 * while the span attribute is built, and chunks not yet collected: 32 MiB over the text.
 */
const HUGE_MEMORY_BOUND = MAX_STREAMED_CONTENT_CHARS * 4 + 32 * 1024 * 1024;

type Api = 'openai' | 'ollama' | 'bedrock';

interface Scenario {
  api: Api;
  behaviour: ScriptedBehaviour;
  /** API path after the behaviour segment. */
  path: string;
  requestBody: unknown;
  read: 'json' | 'bytes' | 'discard';
  /** What the app must get. */
  outcome: string;
  /** Span attributes that must hold exactly (undefined = must be absent). */
  span: Record<string, unknown>;
}

const chatRequest = (stream: boolean) => ({ model: 'fault-model', messages: [{ role: 'user', content: 'hi' }], stream });
const OK_NO_FACTS = { 'http.response.status_code': 200, 'error.type': undefined, 'gen_ai.response.id': undefined, 'gen_ai.response.finish_reasons': undefined };

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  'truncated JSON': {
    api: 'openai', path: '/chat/completions', requestBody: chatRequest(false), read: 'json',
    behaviour: fixedResponse(200, JSON_TYPE, CHAT_COMPLETION.slice(0, 60)),
    outcome: 'SyntaxError',
    span: OK_NO_FACTS,
  },
  'invalid JSON': {
    api: 'openai', path: '/chat/completions', requestBody: chatRequest(false), read: 'json',
    behaviour: fixedResponse(200, JSON_TYPE, '{"id": "chatcmpl-x", "model": fault-model}'),
    outcome: 'SyntaxError',
    span: OK_NO_FACTS,
  },
  'truncated SSE': {
    api: 'openai', path: '/chat/completions', requestBody: chatRequest(true), read: 'bytes',
    behaviour: fixedResponse(200, SSE_TYPE, TRUNCATED_SSE),
    outcome: `sha256 ${sha256(TRUNCATED_SSE)}`,
    span: { 'http.response.status_code': 200, 'error.type': undefined, 'gen_ai.response.id': 'chatcmpl-fault-suite', 'gen_ai.response.finish_reasons': undefined },
  },
  'SSE with a data line that is not JSON': {
    api: 'openai', path: '/chat/completions', requestBody: chatRequest(true), read: 'bytes',
    behaviour: fixedResponse(200, SSE_TYPE, BAD_SSE_LINE),
    outcome: `sha256 ${sha256(BAD_SSE_LINE)}`,
    span: { 'http.response.status_code': 200, 'error.type': undefined, 'gen_ai.response.finish_reasons': ['stop'], 'gen_ai.usage.output_tokens': 2 },
  },
  'NDJSON with lines that are not JSON': {
    api: 'ollama', path: '/api/chat', requestBody: { model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }, read: 'bytes',
    behaviour: fixedResponse(200, { 'content-type': 'application/x-ndjson' }, BAD_NDJSON_LINE),
    outcome: `sha256 ${sha256(BAD_NDJSON_LINE)}`,
    span: { 'http.response.status_code': 200, 'error.type': undefined, 'gen_ai.response.finish_reasons': ['stop'], 'gen_ai.usage.input_tokens': 7, 'gen_ai.usage.output_tokens': 2 },
  },
  'event-stream frame whose CRC fails': {
    api: 'bedrock', path: BEDROCK_PATH, requestBody: BEDROCK_FIXTURE.request.body, read: 'bytes',
    behaviour: fixedResponse(200, { 'content-type': 'application/vnd.amazon.eventstream' }, BAD_CRC),
    outcome: `sha256 ${sha256(BAD_CRC)}`,
    // One text delta lost; the finish reason and usage frames at the end still count.
    span: { 'http.response.status_code': 200, 'error.type': undefined, 'gen_ai.response.finish_reasons': ['guardrail_intervened'], 'gen_ai.usage.input_tokens': 54, 'gen_ai.usage.output_tokens': 18 },
  },
  'event-stream frame with a corrupt length': {
    api: 'bedrock', path: BEDROCK_PATH, requestBody: BEDROCK_FIXTURE.request.body, read: 'bytes',
    behaviour: fixedResponse(200, { 'content-type': 'application/vnd.amazon.eventstream' }, BAD_LENGTH),
    outcome: `sha256 ${sha256(BAD_LENGTH)}`,
    span: { 'http.response.status_code': 200, 'error.type': undefined, 'gen_ai.response.finish_reasons': undefined, 'gen_ai.usage.output_tokens': undefined },
  },
  'JSON answer without a content type': {
    api: 'openai', path: '/chat/completions', requestBody: chatRequest(false), read: 'json',
    behaviour: fixedResponse(200, {}, CHAT_COMPLETION),
    outcome: 'json id,object,created,model,choices,usage',
    span: { 'http.response.status_code': 200, 'error.type': undefined, 'gen_ai.response.id': 'chatcmpl-fault-json', 'gen_ai.response.finish_reasons': ['stop'] },
  },
  'streamed answer without a content type': {
    api: 'openai', path: '/chat/completions', requestBody: chatRequest(true), read: 'bytes',
    behaviour: fixedResponse(200, {}, STREAMED_ANSWER),
    outcome: `sha256 ${sha256(STREAMED_ANSWER)}`,
    span: { 'http.response.status_code': 200, 'error.type': undefined, 'gen_ai.response.finish_reasons': ['stop'], 'gen_ai.usage.output_tokens': 2 },
  },
  '200 MiB streamed answer, read and discarded': {
    api: 'openai', path: '/chat/completions', requestBody: chatRequest(true), read: 'discard',
    behaviour: hugeChatStream(HUGE_BYTES),
    outcome: `read ${HUGE_CHUNKS * HUGE_STREAM_CHUNK_BYTES + HUGE_TAIL} bytes`,
    span: { 'http.response.status_code': 200, 'error.type': undefined, 'gen_ai.response.finish_reasons': ['stop'], 'gen_ai.usage.output_tokens': HUGE_CHUNKS },
  },
};

const MAX_CONTENT_BYTES = 16_384;
const servers = new Map<Api, ScriptedServer>();
let receiver: OtlpReceiver;
let run: AppRun;

beforeAll(async () => {
  receiver = await startOtlpReceiver({ port: 0 });
  for (const api of ['openai', 'ollama', 'bedrock'] as const) {
    const behaviours = Object.fromEntries(
      Object.entries(SCENARIOS).filter(([, s]) => s.api === api).map(([name, s]) => [encodeURIComponent(name), s.behaviour]),
    );
    servers.set(api, await startScriptedLlmServer(behaviours));
  }
  const plan = Object.entries(SCENARIOS).map(([name, s]) => ({
    scenario: name,
    url: `${servers.get(s.api)!.baseUrl(encodeURIComponent(name))}${s.path}`,
    body: JSON.stringify(s.requestBody),
    read: s.read,
  }));
  const provider = { openai: 'openai', ollama: 'ollama', bedrock: 'aws.bedrock' };
  run = await runTracedApp(APP, {
    env: { HOSTILE_PLAN: JSON.stringify(plan), SECRET_HEADERS: JSON.stringify(SECRET_HEADERS), NODE_OPTIONS: '--expose-gc --max-semi-space-size=4' },
    configYaml: [
      'observability:',
      '  tracing:',
      `    exporter: { endpoint: "http://127.0.0.1:${receiver.port}" }`,
      '    capture_content: true',
      `    max_content_bytes: ${MAX_CONTENT_BYTES}`,
      '    metrics: { enabled: false }',
      '    providers:',
      ...[...servers].map(([api, s]) => `      - { host: "127.0.0.1:${s.port}", provider: ${provider[api]}, api: ${api} }`),
      '',
    ].join('\n'),
    timeoutMs: 90_000,
  });
  const requests = [...servers.values()].reduce((n, s) => n + s.received.length, 0);
  await receiver.waitForSpans((spans) => spans.length >= requests, 10_000).catch(() => undefined);
}, 120_000);

afterAll(async () => {
  for (const server of servers.values()) await server.close();
  await receiver?.close();
});

interface Result {
  scenario?: string;
  status?: number;
  outcome?: string;
  memoryGrowth?: number;
  problems?: string[];
}
const results = () => run.results as Result[];
const resultOf = (scenario: string) => results().find((r) => r.scenario === scenario);

function spanOf(scenario: string): ReceivedSpan | undefined {
  const server = servers.get(SCENARIOS[scenario]!.api)!;
  const request = server.received.find((r) => r.behaviour === encodeURIComponent(scenario));
  const [, traceId, spanId] = String(request?.headers.traceparent ?? '').split('-');
  return receiver.spans.find((s) => s.traceId === traceId && s.spanId === spanId);
}

describe('malformed and hostile response bodies', () => {
  it('never throw into the app, and tracing logs nothing', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(results().at(-1)).toEqual({ problems: [] });
    expect(run.stderr).toBe('');
  });

  it.each(Object.keys(SCENARIOS).map((name) => [name] as const))('%s: the app gets what was sent', (name) => {
    expect(resultOf(name)).toMatchObject({ status: 200, outcome: SCENARIOS[name]!.outcome });
  });

  it.each(Object.keys(SCENARIOS).map((name) => [name] as const))('%s: the span is recorded with what could be read', (name) => {
    const span = spanOf(name);
    expect(span, `no span for ${name}`).toBeDefined();
    const want = SCENARIOS[name]!.span;
    expect(Object.fromEntries(Object.keys(want).map((key) => [key, span!.attributes[key]]))).toEqual(want);
  });

  it(`200 MiB stream: the app grows by at most ${HUGE_MEMORY_BOUND / 2 ** 20} MiB while reading, and the captured text is cut to max_content_bytes`, () => {
    const huge = resultOf('200 MiB streamed answer, read and discarded')!;
    expect(huge.memoryGrowth, `memory grew by ${((huge.memoryGrowth ?? 0) / 2 ** 20).toFixed(1)} MiB`).toBeLessThanOrEqual(HUGE_MEMORY_BOUND);
    const output = String(spanOf('200 MiB streamed answer, read and discarded')!.attributes['gen_ai.output.messages']);
    expect(Buffer.byteLength(output)).toBeLessThanOrEqual(MAX_CONTENT_BYTES);
    expect(JSON.parse(output)).toMatchObject([{ role: 'assistant', finish_reason: 'stop' }]);
  });

  it('exports no credential, with content capture on', () => {
    expect(findSecrets(receiver.spans)).toEqual([]);
  });
});
