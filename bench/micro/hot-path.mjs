// Micro-benchmarks of the per-call work llm-otel does for one OpenAI chat call, piece by piece,
// to see which part of the capture costs what. Run `npm run build` first.
// Usage: node bench/micro/hot-path.mjs [iterations]
import { ProviderRegistry } from '../../dist/providers/registry.js';
import { readRequestBody } from '../../dist/capture/request-body.js';
import { rawHeadersToRecord } from '../../dist/capture/raw-headers.js';
import { requestAttributes } from '../../dist/spans/request-attributes.js';
import { responseAttributes } from '../../dist/spans/response-attributes.js';

const iterations = Number(process.argv[2] ?? 200_000);

const URL_TEXT = 'http://127.0.0.1:40365/v1/chat/completions';
const REQUEST_BODY = JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: 'Say something about tracing' }], max_tokens: 12 });
const RESPONSE_BODY = JSON.stringify({
  id: 'chatcmpl-0123456789abcdef01', object: 'chat.completion', created: 1_700_000_000, model: 'mock-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'the trace shows each call with its model tokens and timing here' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 4, completion_tokens: 12, total_tokens: 16 },
});
const RAW_HEADERS = ['content-type', 'application/json', 'content-length', String(RESPONSE_BODY.length), 'date', new Date().toUTCString(), 'connection', 'keep-alive', 'keep-alive', 'timeout=5'].map((s) => Buffer.from(s));
const SSE_BODY = Buffer.from(
  Array.from({ length: 100 }, (_, i) => `data: ${JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: 'mock-model', choices: [{ index: 0, delta: { content: ` word${i}` }, finish_reason: null }] })}\n\n`).join('') +
    `data: ${JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: 'mock-model', choices: [], usage: { prompt_tokens: 4, completion_tokens: 100, total_tokens: 104 } })}\n\ndata: [DONE]\n\n`,
);

const registry = new ProviderRegistry();
const url = new URL(URL_TEXT);
const info = { method: 'POST', url, headers: {} };
const match = registry.match(info);
const facts = match.parseRequest(JSON.parse(REQUEST_BODY), false);
const responseFacts = { responseId: 'chatcmpl-1', responseModel: 'mock-model', finishReasons: ['stop'], usage: { inputTokens: 4, outputTokens: 12 } };

const CASES = {
  'new URL(string)': () => new URL(URL_TEXT),
  'registry.match (OpenAI chat URL)': () => registry.match(info),
  'readRequestBody (JSON.parse)': () => readRequestBody(REQUEST_BODY),
  'parseRequest': () => match.parseRequest(JSON.parse(REQUEST_BODY), false),
  'requestAttributes': () => requestAttributes(facts, url),
  'rawHeadersToRecord (5 headers)': () => rawHeadersToRecord(RAW_HEADERS),
  'JSON response: accumulate + finish': () => {
    const accumulator = match.createAccumulator({ status: 200, headers: { 'content-type': 'application/json' } }, facts, false);
    accumulator.push(Buffer.from(RESPONSE_BODY));
    return accumulator.finish();
  },
  'responseAttributes': () => responseAttributes(responseFacts),
  'SSE response (102 events): accumulate + finish': () => {
    const accumulator = match.createAccumulator({ status: 200, headers: { 'content-type': 'text/event-stream' } }, { ...facts, stream: true }, false);
    accumulator.push(SSE_BODY);
    return accumulator.finish();
  },
};

let sink;
for (const [name, fn] of Object.entries(CASES)) {
  const n = name.startsWith('SSE') ? Math.ceil(iterations / 100) : iterations;
  for (let i = 0; i < Math.min(n, 5_000); i += 1) sink = fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) sink = fn();
  const micros = Number(process.hrtime.bigint() - started) / 1000 / n;
  console.log(`${micros.toFixed(2).padStart(9)} µs  ${name}`);
}
void sink;
