// Micro-benchmark of OTLP trace serialization: one 100-span batch of llm-otel-shaped chat spans
// (real SDK spans, 15 attributes each) through @opentelemetry/otlp-transformer's
// ProtobufTraceSerializer or through ours (src/export/otlp-trace-serializer.ts). Run
// `npm run build` first. Natively it prints µs per span; under callgrind it counts only the
// measured batches (client requests of the instruction bench's addon, built by a first
// `npm run bench -- --instructions` run):
//   node bench/micro/serializer.mjs otel|ours [batches]
//   valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/ser.%p \
//     node --single-threaded --predictable-gc-schedule bench/micro/serializer.mjs ours 200
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { serializeTraceRequest } from '../../dist/export/otlp-trace-serializer.js';
import { callgrind } from './callgrind-requests.mjs';

const which = process.argv[2] ?? 'ours';
const batches = Number(process.argv[3] ?? 200);
const serialize = which === 'otel' ? (spans) => ProtobufTraceSerializer.serializeRequest(spans) : serializeTraceRequest;

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'bench-app', 'telemetry.sdk.language': 'nodejs', 'telemetry.sdk.name': 'opentelemetry', 'telemetry.sdk.version': '3.1.1', 'process.pid': 4242 }),
  spanProcessors: [new SimpleSpanProcessor({ exporter })],
});
const tracer = provider.getTracer('llm-otel', '0.1.0');
for (let i = 0; i < 100; i++) {
  const span = tracer.startSpan('chat mock-model', {
    kind: 2,
    attributes: {
      'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'mock-model',
      'gen_ai.request.max_tokens': 12, 'server.address': '127.0.0.1', 'server.port': 40365,
      'url.full': 'http://127.0.0.1:40365/v1/chat/completions', 'http.request.method': 'POST',
    },
  });
  span.setAttributes({
    'http.response.status_code': 200, 'gen_ai.response.id': `chatcmpl-0123456789abcdef${i}`, 'gen_ai.response.model': 'mock-model',
    'gen_ai.response.finish_reasons': ['stop'], 'gen_ai.usage.input_tokens': 4, 'gen_ai.usage.output_tokens': 12, 'gen_ai.usage.cost': 0.000042,
  });
  span.end();
}
const spans = exporter.getFinishedSpans();

let bytes = 0;
for (let i = 0; i < 2000; i++) bytes += serialize(spans).length;
globalThis.gc?.();
const started = process.hrtime.bigint();
callgrind.startInstrumentation();
callgrind.zeroStats();
for (let i = 0; i < batches; i++) bytes += serialize(spans).length;
callgrind.dumpStats('window');
const ns = Number(process.hrtime.bigint() - started);
console.log(`${which}: ${batches} batches of ${spans.length} spans, ${serialize(spans).length} bytes each; ${(ns / 1000 / batches / spans.length).toFixed(3)} µs per span${callgrind.onValgrind() ? ' (under valgrind)' : ''} [${bytes}]`);
