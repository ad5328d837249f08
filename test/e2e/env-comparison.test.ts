import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockLlmServer } from '../../src/mock-server/mock-llm-server.js';
import { startOtlpHttpCapture, type CapturedRequest } from '../helpers/otlp-http-capture.js';
import { startOtlpReceiver } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp } from '../helpers/run-traced-app.js';

/**
 * The same app (test/e2e/apps/env-comparison-app.mjs: fetch calls to the mock LLM server inside a
 * root span) run with the same OTEL_* environment under `--import ./register.js` and under a
 * NodeSDK configured from the environment alone; what reaches the OTLP receiver and the LLM server
 * must be the same facts. Each case also states the facts it expects, so two setups that are
 * equally broken (both sending nothing, say) still fail.
 *
 * Normalised on purpose: llm-otel's span for a call is the GenAI span where the NodeSDK's is the
 * undici HTTP span, so spans are compared by count (root + one per call), not by name; resource
 * values that differ per process (pid, host id, instance id) are compared as key sets; llm-otel's
 * own `llm_otel.*` resource keys are left out.
 */
const APP = path.join(REPO_ROOT, 'test', 'e2e', 'apps', 'env-comparison-app.mjs');
const NODE_SDK_SETUP = path.join(REPO_ROOT, 'test', 'e2e', 'apps', 'env-comparison-nodesdk.mjs');
const PROPAGATION_HEADERS = ['traceparent', 'tracestate', 'baggage', 'b3', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-sampled'];

interface Facts {
  code: number | null;
  answered: number;
  /** Paths the exporters POSTed to, sorted, one entry per request. */
  paths: string[];
  traceContentTypes: string[];
  traceContentEncodings: string[];
  /** Values of the case's `receiverHeaders` on the trace requests. */
  receiverHeaders: Record<string, string[]>;
  spanCount: number;
  /** Spans per trace export request, in arrival order. */
  spansPerRequest: number[];
  resourceKeys: string[];
  /** Temporalities of the histograms that arrived over gRPC (GenAI's there, undici's here). */
  histogramTemporalities: string[];
  resource: Record<string, unknown>;
  /** Which propagation headers the LLM server received, per call. */
  propagation: string[][];
  consolePrintedRoot: boolean;
}

interface Case {
  name: string;
  /** Set over BASE; `{url}` is the HTTP receiver, `{grpc}` the gRPC one. */
  env: Record<string, string>;
  /** Chat calls the app makes (default 1). */
  calls?: number;
  /** Headers of the trace export requests to compare by value. */
  receiverHeaders?: string[];
  /** Resource attributes to compare by value (all keys are compared as a set). */
  resourceValues?: string[];
  expected: Partial<Facts>;
  /**
   * A known difference, documented in the README's environment section: the facts where llm-otel's
   * run differs from the NodeSDK's, and why. Everything else must still be equal.
   */
  knownDifference?: { reason: string; ours: Partial<Facts> };
}

// Every case starts from these: protocol and endpoint explicit (the two setups' defaults differ,
// grpc on :4317 here and http/protobuf on :4318 there, and no test can own those ports), metrics
// and logs off unless the case is about them.
const BASE: Record<string, string> = {
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
  OTEL_EXPORTER_OTLP_ENDPOINT: '{url}',
  OTEL_METRICS_EXPORTER: 'none',
  OTEL_LOGS_EXPORTER: 'none',
  OTEL_SERVICE_NAME: 'env-comparison',
};

const TRACES = ['/v1/traces'];
const W3C = ['baggage', 'traceparent'];

const CASES: Case[] = [
  { name: 'http/protobuf to the base endpoint + /v1/traces', env: {}, expected: { paths: TRACES, traceContentTypes: ['application/x-protobuf'], spanCount: 2 } },
  { name: 'http/json', env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, expected: { paths: TRACES, traceContentTypes: ['application/json'], spanCount: 2 } },
  {
    name: 'grpc',
    env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: '{grpc}' },
    expected: { paths: ['grpc:/v1/traces'], spanCount: 2 },
  },
  {
    name: 'traces endpoint with a path, used as-is (Langfuse style)',
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9/unused', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '{url}/api/public/otel/v1/traces' },
    expected: { paths: ['/api/public/otel/v1/traces'], spanCount: 2 },
  },
  {
    name: 'per-signal protocol over the general one',
    env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '{url}/v1/traces' },
    expected: { paths: TRACES, traceContentTypes: ['application/json'], spanCount: 2 },
  },
  {
    name: 'OTEL_EXPORTER_OTLP_HEADERS',
    env: { OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Basic%20cGs6c2s=,x-tenant=team-a' },
    receiverHeaders: ['authorization', 'x-tenant'],
    expected: { receiverHeaders: { authorization: ['Basic cGs6c2s='], 'x-tenant': ['team-a'] } },
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_HEADERS over the general ones',
    env: { OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=general', OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-tenant=traces' },
    receiverHeaders: ['x-tenant'],
    expected: { receiverHeaders: { 'x-tenant': ['traces'] } },
  },
  // The capture does not inflate bodies, so a gzip case compares where and how, not the spans.
  { name: 'gzip compression', env: { OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' }, expected: { paths: TRACES, traceContentEncodings: ['gzip'] } },
  {
    name: 'OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES',
    env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging,team=search,service.name=overridden' },
    resourceValues: ['service.name', 'deployment.environment.name', 'team'],
    expected: { resource: { 'service.name': 'env-comparison', 'deployment.environment.name': 'staging', team: 'search' } },
  },
  { name: 'resource detectors: the same keys', env: {}, resourceValues: ['service.name', 'telemetry.sdk.language'], expected: { resource: { 'service.name': 'env-comparison', 'telemetry.sdk.language': 'nodejs' } } },
  {
    name: 'OTEL_NODE_RESOURCE_DETECTORS=host,env: no process or os keys',
    env: { OTEL_NODE_RESOURCE_DETECTORS: 'host,env', OTEL_RESOURCE_ATTRIBUTES: 'team=search' },
    resourceValues: ['team'],
    expected: { resource: { team: 'search' } },
  },
  {
    name: 'OTEL_NODE_RESOURCE_DETECTORS=none: only the SDK defaults and the service name',
    env: { OTEL_NODE_RESOURCE_DETECTORS: 'none', OTEL_RESOURCE_ATTRIBUTES: 'team=search' },
    expected: { resourceKeys: ['service.name', 'telemetry.sdk.language', 'telemetry.sdk.name', 'telemetry.sdk.version'] },
  },
  { name: 'always_off: no spans', env: { OTEL_TRACES_SAMPLER: 'always_off' }, expected: { paths: [], spanCount: 0, propagation: [W3C] } },
  { name: 'traceidratio 0', env: { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }, expected: { paths: [], spanCount: 0 } },
  { name: 'traceidratio 1', env: { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1' }, expected: { paths: TRACES, spanCount: 2 } },
  { name: 'parentbased_always_off (a root: off)', env: { OTEL_TRACES_SAMPLER: 'parentbased_always_off' }, expected: { spanCount: 0 } },
  { name: 'parentbased_traceidratio 1', env: { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '1' }, expected: { spanCount: 2 } },
  { name: 'default propagators: tracecontext and baggage', env: {}, expected: { propagation: [W3C] } },
  { name: 'OTEL_PROPAGATORS=b3', env: { OTEL_PROPAGATORS: 'b3' }, expected: { propagation: [['b3']] } },
  { name: 'OTEL_PROPAGATORS=b3multi', env: { OTEL_PROPAGATORS: 'b3multi' }, expected: { propagation: [['x-b3-sampled', 'x-b3-spanid', 'x-b3-traceid']] } },
  { name: 'OTEL_PROPAGATORS=tracecontext,b3', env: { OTEL_PROPAGATORS: 'tracecontext,b3' }, expected: { propagation: [['b3', 'traceparent']] } },
  { name: 'OTEL_PROPAGATORS=none', env: { OTEL_PROPAGATORS: 'none' }, expected: { propagation: [[]], spanCount: 2 } },
  {
    name: 'OTEL_TRACES_EXPORTER=none: nothing arrives',
    env: { OTEL_TRACES_EXPORTER: 'none' },
    expected: { paths: [], propagation: [['baggage']] },
    // The NodeSDK registers no tracer provider without a span exporter, so its calls carry no
    // traceparent; llm-otel keeps capturing (cost, metrics, and the traceparent that joins the
    // call to the trace downstream), as the README's environment section says.
    knownDifference: { reason: 'none still captures and propagates', ours: { propagation: [W3C] } },
  },
  { name: 'OTEL_TRACES_EXPORTER=console: the span on stdout', env: { OTEL_TRACES_EXPORTER: 'console' }, expected: { paths: [], consolePrintedRoot: true } },
  {
    name: 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE=1: one request per span',
    env: { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '1' },
    calls: 3,
    expected: { spanCount: 4, spansPerRequest: [1, 1, 1, 1] },
  },
  {
    name: 'OTEL_METRICS_EXPORTER=otlp: metrics reach /v1/metrics',
    env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_INTERVAL: '60000' },
    expected: { paths: ['/v1/metrics', '/v1/traces'] },
  },
  ...(['delta', 'lowmemory', 'cumulative'] as const).map((preference) => ({
    name: `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=${preference}: the histograms' temporality`,
    env: {
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_ENDPOINT: '{grpc}',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: preference,
    },
    expected: { paths: ['grpc:/v1/metrics', 'grpc:/v1/traces'], histogramTemporalities: [preference === 'cumulative' ? 'cumulative' : 'delta'] },
  })),
];

function substitute(env: Record<string, string>, url: string, grpc: string): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value.replace('{url}', url).replace('{grpc}', grpc)]));
}

function headerValues(requests: CapturedRequest[], name: string): string[] {
  return [...new Set(requests.map((r) => r.headers[name]).filter((v) => v !== undefined).map(String))];
}

async function runOnce(setup: 'llm-otel' | 'NodeSDK', testCase: Case): Promise<Facts> {
  const capture = await startOtlpHttpCapture();
  const grpc = await startOtlpReceiver({ port: 0, host: '127.0.0.1' });
  const propagation: string[][] = [];
  const calls = testCase.calls ?? 1;
  const llm = await startMockLlmServer({
    maxRequests: calls,
    onRequest: (headers) => propagation.push(PROPAGATION_HEADERS.filter((name) => headers[name] !== undefined).sort()),
  });
  try {
    const env = substitute({ ...BASE, ...testCase.env }, capture.url, `http://127.0.0.1:${grpc.port}`);
    const run = await runTracedApp(APP, {
      traced: setup === 'llm-otel',
      timeoutMs: 30_000,
      env: {
        ...env,
        LLM_BASE_URL: llm.url,
        ENV_CMP_CALLS: String(calls),
        NODE_OPTIONS: setup === 'NodeSDK' ? `--import ${NODE_SDK_SETUP}` : undefined,
      },
    });
    // Both setups flush at exit, and an exporter's request is answered before it resolves.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const traceRequests = capture.requests.filter((r) => r.path.endsWith('/v1/traces'));
    const spans = [...traceRequests.flatMap((r) => r.spans), ...grpc.spans];
    const resource = spans[0]?.resource ?? {};
    return {
      code: run.code,
      answered: (run.results[0] as { answered?: number } | undefined)?.answered ?? -1,
      paths: [...capture.requests.map((r) => r.path), ...(grpc.spans.length > 0 ? ['grpc:/v1/traces'] : []), ...(grpc.metrics.length > 0 ? ['grpc:/v1/metrics'] : [])].sort(),
      traceContentTypes: headerValues(traceRequests, 'content-type'),
      traceContentEncodings: headerValues(traceRequests, 'content-encoding'),
      receiverHeaders: Object.fromEntries((testCase.receiverHeaders ?? []).map((name) => [name, headerValues(traceRequests, name)])),
      spanCount: spans.length,
      spansPerRequest: traceRequests.map((r) => r.spans.length),
      histogramTemporalities: [...new Set(grpc.metrics.flatMap((metric) => (metric.type === 'histogram' ? [metric.temporality] : [])))],
      resourceKeys: Object.keys(resource).filter((key) => !key.startsWith('llm_otel.')).sort(),
      resource: Object.fromEntries((testCase.resourceValues ?? []).map((key) => [key, resource[key]])),
      propagation,
      consolePrintedRoot: run.stdout.includes('env-comparison-root'),
    };
  } finally {
    await Promise.all([capture.close(), grpc.close(), llm.close()]);
  }
}

describe.concurrent('the same app and OTEL_* environment under llm-otel and under NodeSDK', () => {
  it.each(CASES)('$name', async (testCase) => {
    const [ours, reference] = await Promise.all([runOnce('llm-otel', testCase), runOnce('NodeSDK', testCase)]);
    expect(reference, 'NodeSDK run').toMatchObject({ code: 0, answered: testCase.calls ?? 1, ...testCase.expected });
    expect(ours, 'llm-otel run').toEqual({ ...reference, ...testCase.knownDifference?.ours });
  }, 90_000);
});
