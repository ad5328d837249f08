// The viewer's ingest rate: spans per second into its SQLite store, (1) straight into the store
// (TraceStore.ingestSpans, batches of 512 like the SDK's BatchSpanProcessor) and (2) end to end
// through the OTLP/HTTP protobuf receiver of a running `llm-otel view` (decode + store + trace
// collector). Spans look like the package's own LLM spans (about 20 attributes, the Node SDK's
// resource). Run alone with `npm run bench -- --viewer`; `npm run bench` runs it after the
// overhead rounds. BENCH_QUICK=1 makes it shorter.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ExportTraceServiceRequest } from '../dist/viewer/otlp-schema.js';
import { TraceStore } from '../dist/viewer/store/trace-store.js';
import { runView } from '../dist/viewer/view.js';

const QUICK = process.env.BENCH_QUICK === '1';
const BATCH = 512;
const BATCHES = QUICK ? 20 : 60;
const SPANS_PER_TRACE = 4;

const RESOURCE = {
  'service.name': 'bench-app', 'telemetry.sdk.language': 'nodejs', 'telemetry.sdk.name': 'opentelemetry', 'telemetry.sdk.version': '3.1.1',
  'process.pid': 4242, 'process.runtime.name': 'nodejs', 'process.runtime.version': '24.0.0', 'host.name': 'bench-host', 'host.arch': 'amd64', 'os.type': 'linux',
};

let counter = 0;
function hex(n, width) {
  return n.toString(16).padStart(width, '0');
}

/** One batch of spans as plain objects: traces of a root and three LLM calls. */
function batchSpans() {
  const spans = [];
  const now = BigInt(Date.now()) * 1_000_000n;
  for (let i = 0; i < BATCH; i += SPANS_PER_TRACE) {
    const trace = hex(++counter, 32);
    const root = hex(counter * 8, 16);
    spans.push({ traceId: trace, spanId: root, name: 'answer-question', kind: 1, start: now, end: now + 50_000_000n, attributes: { 'user.id': `u-${counter % 50}` } });
    for (let k = 1; k < SPANS_PER_TRACE; k += 1) {
      spans.push({
        traceId: trace, spanId: hex(counter * 8 + k, 16), parentSpanId: root, name: 'chat gpt-4o-mini', kind: 3,
        start: now + BigInt(k) * 1_000_000n, end: now + BigInt(k) * 10_000_000n,
        attributes: {
          'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.request.max_tokens': 256,
          'gen_ai.request.temperature': 0.2, 'server.address': 'api.openai.com', 'server.port': 443, 'http.response.status_code': 200,
          'gen_ai.response.id': `chatcmpl-${counter}-${k}`, 'gen_ai.response.model': 'gpt-4o-mini-2024-07-18', 'gen_ai.response.finish_reasons': ['stop'],
          'gen_ai.usage.input_tokens': 120 + k, 'gen_ai.usage.output_tokens': 48, 'gen_ai.usage.cache_read.input_tokens': 0,
          'gen_ai.usage.reasoning.output_tokens': 0, 'gen_ai.openai.response.service_tier': 'default', 'llm_otel.cost.usd': 0.0000468,
          'user.id': `u-${counter % 50}`, 'session.id': `s-${counter % 200}`, 'llm_otel.tags': ['bench'],
        },
      });
    }
  }
  return spans;
}

const received = (s) => ({
  traceId: s.traceId, spanId: s.spanId, ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}), name: s.name, kind: s.kind,
  startTimeUnixNano: s.start, endTimeUnixNano: s.end, attributes: s.attributes, status: { code: 0 }, events: [], resource: RESOURCE,
  scope: { name: 'llm-otel', version: '0.1.0' },
});

function anyValue(value) {
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
}
const keyValues = (attributes) => Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));

function encodeBatch(spans) {
  const message = ExportTraceServiceRequest.fromObject({
    resourceSpans: [{
      resource: { attributes: keyValues(RESOURCE) },
      scopeSpans: [{
        scope: { name: 'llm-otel', version: '0.1.0' },
        spans: spans.map((s) => ({
          traceId: Buffer.from(s.traceId, 'hex'), spanId: Buffer.from(s.spanId, 'hex'), ...(s.parentSpanId ? { parentSpanId: Buffer.from(s.parentSpanId, 'hex') } : {}),
          name: s.name, kind: s.kind, startTimeUnixNano: s.start.toString(), endTimeUnixNano: s.end.toString(), attributes: keyValues(s.attributes),
        })),
      }],
    }],
  });
  return ExportTraceServiceRequest.encode(message).finish();
}

async function storeIngest(location) {
  const store = await TraceStore.open(location === 'memory' ? { memory: true } : { path: location });
  const batches = Array.from({ length: BATCHES }, () => batchSpans().map(received));
  const started = performance.now();
  for (const batch of batches) store.ingestSpans(batch);
  const seconds = (performance.now() - started) / 1000;
  store.close();
  return (BATCHES * BATCH) / seconds;
}

async function receiverIngest(dbPath) {
  const view = await runView({ port: 0, httpPort: 0, uiPort: 0, dbPath, tree: true, quietMs: 60_000, out: () => {} });
  const bodies = Array.from({ length: BATCHES }, () => encodeBatch(batchSpans()));
  const url = `http://127.0.0.1:${view.httpPort}/v1/traces`;
  const started = performance.now();
  // Two exporters at once, like two app processes.
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body });
      if (response.status !== 200) throw new Error(`receiver answered ${response.status}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all([worker(), worker()]);
  const seconds = (performance.now() - started) / 1000;
  const stored = view.store.stats().spans;
  await view.close();
  if (stored !== BATCHES * BATCH) throw new Error(`stored ${stored} of ${BATCHES * BATCH} spans`);
  return (BATCHES * BATCH) / seconds;
}

/** Runs the viewer part; returns { rows, markdown }. */
export async function runViewerIngestBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-viewer-bench-'));
  try {
    const rows = [
      { path: 'TraceStore.ingestSpans, in memory', spansPerSecond: await storeIngest('memory') },
      { path: 'TraceStore.ingestSpans, SQLite file (WAL)', spansPerSecond: await storeIngest(path.join(dir, 'store.db')) },
      { path: 'OTLP/HTTP protobuf -> llm-otel view -> SQLite file', spansPerSecond: await receiverIngest(path.join(dir, 'view.db')) },
    ];
    const markdown = [
      '## Viewer ingest (`llm-otel view`)',
      '',
      `${BATCHES} batches of ${BATCH} spans (traces of 1 root + 3 LLM spans, ~20 attributes each), Node ${process.version}, ${os.cpus().length} cores.`,
      '',
      '| path | spans/s |',
      '|---|---:|',
      ...rows.map((row) => `| ${row.path} | ${Math.round(row.spansPerSecond).toLocaleString('en-US')} |`),
      '',
    ].join('\n');
    return { rows, markdown };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { markdown } = await runViewerIngestBench();
  console.log(markdown);
}
