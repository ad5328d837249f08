// Micro-benchmark of one traced LLM call's span work, without the network: llm-otel's LlmExchange
// driven through a chat or streamed answer, next to the least any instrumentation does (start a
// span with a few attributes, set usage, end it), on a real TracerProvider and BatchSpanProcessor
// whose exporter discards. Run `npm run build` first.
// Usage: node bench/micro/exchange.mjs [iterations]
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, ExportResultCode, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { LlmExchange } from '../../dist/capture/llm-exchange.js';
import { readRequestBody } from '../../dist/capture/request-body.js';
import { rawHeadersToRecord } from '../../dist/capture/raw-headers.js';
import { createCostListener } from '../../dist/cost/cost-listener.js';
import { ProviderRegistry } from '../../dist/providers/registry.js';

const iterations = Number(process.argv[2] ?? 50_000);

const discard = { export: (_spans, done) => done({ code: ExportResultCode.SUCCESS }), shutdown: async () => {} };
const provider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: discard, maxQueueSize: 2048, maxExportBatchSize: 512, scheduledDelayMillis: 1000 })] });
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
trace.setGlobalTracerProvider(provider);
const tracer = provider.getTracer('bench');

const URL_TEXT = 'http://127.0.0.1:40365/v1/chat/completions';
const REQUEST_BODY = JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: 'Say something about tracing' }], max_tokens: 12 });
const RESPONSE_BODY = Buffer.from(JSON.stringify({
  id: 'chatcmpl-0123456789abcdef01', object: 'chat.completion', created: 1_700_000_000, model: 'mock-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'the trace shows each call with its model tokens and timing here' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 4, completion_tokens: 12, total_tokens: 16 },
}));
const RAW_HEADERS = ['content-type', 'application/json', 'content-length', String(RESPONSE_BODY.length), 'date', new Date().toUTCString(), 'connection', 'keep-alive', 'keep-alive', 'timeout=5'].map((s) => Buffer.from(s));

const registry = new ProviderRegistry();
const settings = { captureContent: false, maxContentBytes: 16384 };
const listeners = [createCostListener()];
const carrier = { headers: [], addHeader(name, value) { this.headers.push(name, value); } };

function llmOtelChat() {
  const info = { method: 'POST', url: new URL(URL_TEXT), headers: {} };
  const match = registry.match(info);
  const exchange = LlmExchange.start(tracer, match, info, readRequestBody(REQUEST_BODY), settings, listeners);
  context.with(exchange.context, () => {
    carrier.headers.length = 0;
    propagation.inject(exchange.context, carrier, { set: (c, k, v) => c.addHeader(k, v) });
  });
  exchange.onResponseStart(200, rawHeadersToRecord(RAW_HEADERS));
  exchange.onBodyChunk(RESPONSE_BODY);
  exchange.onEnd();
}

function minimalSpan() {
  const span = tracer.startSpan('chat mock-model', { kind: 3, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'mock-model', 'gen_ai.request.max_tokens': 12 } });
  context.with(trace.setSpan(context.active(), span), () => {
    const body = JSON.parse(RESPONSE_BODY.toString());
    span.setAttributes({ 'gen_ai.response.id': body.id, 'gen_ai.response.model': body.model, 'gen_ai.usage.input_tokens': body.usage.prompt_tokens, 'gen_ai.usage.output_tokens': body.usage.completion_tokens, 'gen_ai.response.finish_reasons': ['stop'] });
  });
  span.end();
}

const CASES = { 'minimal span (5+5 attributes, one JSON.parse)': minimalSpan, 'llm-otel LlmExchange, chat': llmOtelChat };
for (const [name, fn] of Object.entries(CASES)) {
  for (let i = 0; i < 5_000; i += 1) fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) fn();
  const micros = Number(process.hrtime.bigint() - started) / 1000 / iterations;
  console.log(`${micros.toFixed(2).padStart(8)} µs  ${name}`);
}
await provider.shutdown();
