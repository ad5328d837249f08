import { INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';
import { DataPointType, MeterProvider, MetricReader, type HistogramMetricData, type MetricData, type SumMetricData } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompletedExchange } from '../../../src/capture/types.js';
import { createGenAiMetricsListener } from '../../../src/metrics/genai-metrics-listener.js';
import { genAiMetricNamesFromEnv, type GenAiMetricNames } from '../../../src/metrics/semconv-stability-opt-in.js';
import type { RequestFacts, ResponseFacts } from '../../../src/providers/types.js';

/** The boundaries the GenAI metric conventions recommend, restated here so a drift in ours fails. */
const SPEC_TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
const SPEC_SECONDS_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

class CollectingReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function exchange(
  request: Partial<RequestFacts>,
  response: ResponseFacts,
  extra: Partial<Pick<CompletedExchange, 'durationSeconds' | 'timeToFirstChunkSeconds' | 'errorType' | 'url'>> = {},
): CompletedExchange {
  return {
    span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT),
    request: { provider: 'openai', operation: 'chat', model: 'gpt-4o-mini', stream: false, ...request },
    response,
    url: new URL('https://api.openai.com/v1/chat/completions'),
    status: 200,
    durationSeconds: 0.5,
    ...extra,
  };
}

async function record(names: GenAiMetricNames, exchanges: CompletedExchange[]): Promise<Map<string, MetricData>> {
  const reader = new CollectingReader();
  const provider = new MeterProvider({ readers: [reader] });
  const listener = createGenAiMetricsListener(provider.getMeter('test'), names);
  for (const e of exchanges) listener(e);
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  const byName = new Map<string, MetricData>();
  for (const scope of resourceMetrics.scopeMetrics) for (const metric of scope.metrics) byName.set(metric.descriptor.name, metric);
  return byName;
}

function histogramPoints(metric: MetricData | undefined) {
  return (metric as HistogramMetricData).dataPoints.map((p) => ({
    attributes: p.attributes,
    count: p.value.count,
    sum: p.value.sum,
    boundaries: p.value.buckets.boundaries,
  }));
}

function counterPoints(metric: MetricData | undefined) {
  return (metric as SumMetricData).dataPoints.map((p) => ({ attributes: p.attributes, value: p.value }));
}

const COMMON = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
  'server.address': 'api.openai.com',
  'server.port': 443,
};

describe('default names (@opentelemetry/semantic-conventions)', () => {
  it('records duration, token usage per type and time to first chunk with the conventions attributes and buckets', async () => {
    const metrics = await record('default', [
      exchange(
        { stream: true },
        { responseModel: 'gpt-4o-mini-2024-07-18', usage: { inputTokens: 120, outputTokens: 30 } },
        { durationSeconds: 1.25, timeToFirstChunkSeconds: 0.2 },
      ),
      exchange({}, { responseModel: 'gpt-4o-mini-2024-07-18', usage: { inputTokens: 80, outputTokens: 10 } }, { durationSeconds: 0.75 }),
    ]);
    expect([...metrics.keys()].sort()).toEqual([
      'gen_ai.client.operation.duration',
      'gen_ai.client.operation.time_to_first_chunk',
      'gen_ai.client.token.usage',
    ]);
    expect(metrics.get('gen_ai.client.operation.duration')!.descriptor.unit).toBe('s');
    expect(metrics.get('gen_ai.client.token.usage')!.descriptor.unit).toBe('{token}');
    expect(histogramPoints(metrics.get('gen_ai.client.operation.duration'))).toEqual([
      { attributes: COMMON, count: 2, sum: 2, boundaries: SPEC_SECONDS_BUCKETS },
    ]);
    expect(histogramPoints(metrics.get('gen_ai.client.token.usage'))).toEqual([
      { attributes: { ...COMMON, 'gen_ai.token.type': 'input' }, count: 2, sum: 200, boundaries: SPEC_TOKEN_BUCKETS },
      { attributes: { ...COMMON, 'gen_ai.token.type': 'output' }, count: 2, sum: 40, boundaries: SPEC_TOKEN_BUCKETS },
    ]);
    expect(histogramPoints(metrics.get('gen_ai.client.operation.time_to_first_chunk'))).toEqual([
      { attributes: COMMON, count: 1, sum: 0.2, boundaries: SPEC_SECONDS_BUCKETS },
    ]);
  });

  it('puts error.type on the duration only, and reports no token count the response did not have', async () => {
    const metrics = await record('default', [
      exchange({ model: 'gpt-4o' }, { errorType: 'rate_limit_exceeded' }, { errorType: 'rate_limit_exceeded', durationSeconds: 0.1 }),
    ]);
    expect([...metrics.keys()]).toEqual(['gen_ai.client.operation.duration']);
    expect(histogramPoints(metrics.get('gen_ai.client.operation.duration'))[0]!.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'server.address': 'api.openai.com',
      'server.port': 443,
      'error.type': 'rate_limit_exceeded',
    });
  });

  it('reads server.port from the URL, defaulting by scheme', async () => {
    const metrics = await record('default', [
      exchange({}, {}, { url: new URL('http://127.0.0.1:8000/v1/chat/completions') }),
      exchange({}, {}, { url: new URL('http://gateway.internal/v1/chat/completions') }),
    ]);
    const ports = histogramPoints(metrics.get('gen_ai.client.operation.duration')).map((p) => [
      p.attributes['server.address'],
      p.attributes['server.port'],
    ]);
    expect(ports).toEqual([
      ['127.0.0.1', 8000],
      ['gateway.internal', 80],
    ]);
  });
});

describe('latest names (OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental)', () => {
  it('records inference duration, token histograms and usage counters by modality, zeros included', async () => {
    const metrics = await record('latest', [
      exchange(
        { stream: true },
        {
          responseModel: 'gpt-4o-mini-2024-07-18',
          usage: { inputTokens: 100, outputTokens: 20, cacheReadInputTokens: 64, reasoningOutputTokens: 8 },
        },
        { durationSeconds: 2, timeToFirstChunkSeconds: 0.5 },
      ),
      exchange({}, { responseModel: 'gpt-4o-mini-2024-07-18' }, { durationSeconds: 1 }),
    ]);
    expect([...metrics.keys()].sort()).toEqual([
      'gen_ai.client.inference.duration',
      'gen_ai.client.inference.operation.input_tokens',
      'gen_ai.client.inference.operation.output_tokens',
      'gen_ai.client.inference.time_to_first_chunk',
      'gen_ai.client.inference.usage.cache_read.input_tokens',
      'gen_ai.client.inference.usage.cache_write.input_tokens',
      'gen_ai.client.inference.usage.input_tokens',
      'gen_ai.client.inference.usage.output_tokens',
      'gen_ai.client.inference.usage.reasoning.output_tokens',
    ]);
    expect(histogramPoints(metrics.get('gen_ai.client.inference.duration'))).toEqual([
      { attributes: COMMON, count: 2, sum: 3, boundaries: SPEC_SECONDS_BUCKETS },
    ]);
    expect(histogramPoints(metrics.get('gen_ai.client.inference.operation.input_tokens'))).toEqual([
      { attributes: COMMON, count: 2, sum: 100, boundaries: SPEC_TOKEN_BUCKETS },
    ]);
    const byModality = { ...COMMON, 'gen_ai.token.modality': 'unknown' };
    const counters = Object.fromEntries(
      [...metrics.entries()]
        .filter(([name]) => name.includes('.usage.'))
        .map(([name, metric]) => [name, counterPoints(metric)]),
    );
    expect(counters).toEqual({
      'gen_ai.client.inference.usage.input_tokens': [{ attributes: byModality, value: 100 }],
      'gen_ai.client.inference.usage.output_tokens': [{ attributes: byModality, value: 20 }],
      'gen_ai.client.inference.usage.cache_read.input_tokens': [{ attributes: byModality, value: 64 }],
      'gen_ai.client.inference.usage.cache_write.input_tokens': [{ attributes: byModality, value: 0 }],
      'gen_ai.client.inference.usage.reasoning.output_tokens': [{ attributes: byModality, value: 8 }],
    });
    const inputCounter = metrics.get('gen_ai.client.inference.usage.input_tokens') as SumMetricData;
    expect([inputCounter.dataPointType, inputCounter.isMonotonic]).toEqual([DataPointType.SUM, true]);
  });

  it('uses the embeddings metrics for embeddings and keeps operation.duration for other operations', async () => {
    const metrics = await record('latest', [
      exchange({ operation: 'embeddings', model: 'text-embedding-3-small' }, { usage: { inputTokens: 9 } }, { durationSeconds: 0.3 }),
      exchange({ operation: 'image_generation', model: 'dall-e-2' }, {}, { durationSeconds: 4 }),
    ]);
    expect([...metrics.keys()].sort()).toEqual([
      'gen_ai.client.embeddings.duration',
      'gen_ai.client.embeddings.operation.input_tokens',
      'gen_ai.client.operation.duration',
    ]);
    expect(histogramPoints(metrics.get('gen_ai.client.embeddings.operation.input_tokens')).map((p) => [p.count, p.sum])).toEqual([[1, 9]]);
    expect(histogramPoints(metrics.get('gen_ai.client.operation.duration')).map((p) => [p.attributes['gen_ai.operation.name'], p.sum])).toEqual([
      ['image_generation', 4],
    ]);
  });
});

describe('choosing the names', () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    ['gen_ai_latest_experimental', 'latest'],
    ['http, gen_ai_latest_experimental', 'latest'],
    ['GEN_AI_LATEST_EXPERIMENTAL', 'latest'],
    ['http', 'default'],
    ['', 'default'],
  ] as const)('OTEL_SEMCONV_STABILITY_OPT_IN=%j -> %s', (value, names) => {
    vi.stubEnv('OTEL_SEMCONV_STABILITY_OPT_IN', value);
    expect(genAiMetricNamesFromEnv()).toBe(names);
  });

  it('never throws into the capture, even for a malformed exchange', () => {
    const reader = new CollectingReader();
    const provider = new MeterProvider({ readers: [reader] });
    const listener = createGenAiMetricsListener(provider.getMeter('test'), 'default');
    expect(() => listener({ ...exchange({}, {}), url: undefined as unknown as URL })).not.toThrow();
  });
});
