// Micro-benchmark of recording the GenAI client histograms of one LLM call (duration, input and
// output tokens: three measurements) on sdk-metrics' instruments or on llm-otel's in-process
// histograms (src/metrics/in-process-histograms.ts). Run `npm run build` first. Natively it prints
// µs per call; under callgrind it counts only the measured calls (client requests of the
// instruction bench's addon, built by a first `npm run bench -- --instructions` run):
//   node bench/micro/histograms.mjs sdk|ours [calls]
//   valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/hist.%p \
//     node --single-threaded --predictable-gc-schedule bench/micro/histograms.mjs ours 2000
import { INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { defaultGenAiMetrics } from '../../dist/metrics/default-genai-metrics.js';
import { InProcessHistograms } from '../../dist/metrics/in-process-histograms.js';
import { meterHistograms } from '../../dist/metrics/series-histogram.js';
import { callgrind } from './callgrind-requests.mjs';

const which = process.argv[2] ?? 'ours';
const calls = Number(process.argv[3] ?? 2000);

class Reader extends MetricReader {
  onForceFlush() { return Promise.resolve(); }
  onShutdown() { return Promise.resolve(); }
}
const resource = resourceFromAttributes({ 'service.name': 'bench-app' });
const histograms = new InProcessHistograms(resource, { name: 'llm-otel', version: '0.1.0' }, AggregationTemporality.CUMULATIVE);
const provider = new MeterProvider({ resource, readers: [new Reader(which === 'ours' ? { metricProducers: [histograms] } : {})] });
const record = defaultGenAiMetrics(which === 'ours' ? histograms.histogram : meterHistograms(provider.getMeter('llm-otel', '0.1.0')));

// The bench's chat call: one series, as an app calling one model on one host has.
const url = new URL('http://127.0.0.1:40365/v1/chat/completions');
const span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
const exchange = (i) => ({
  span, url, status: 200, durationSeconds: 0.002 + (i % 7) / 1000,
  request: { provider: 'openai', operation: 'chat', model: 'mock-model', stream: false },
  response: { responseModel: 'mock-model', usage: { inputTokens: 4, outputTokens: 12 } },
});

for (let i = 0; i < 20_000; i++) record(exchange(i));
globalThis.gc?.();
const started = process.hrtime.bigint();
callgrind.startInstrumentation();
callgrind.zeroStats();
for (let i = 0; i < calls; i++) record(exchange(i));
callgrind.dumpStats('window');
const ns = Number(process.hrtime.bigint() - started);
console.log(`${which}: ${calls} calls, three measurements each; ${(ns / 1000 / calls).toFixed(3)} µs per call${callgrind.onValgrind() ? ' (under valgrind)' : ''}`);
