import { INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';
import { ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, MeterProvider, MetricReader, type MetricReaderOptions, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompletedExchange } from '../../../src/capture/types.js';
import { defaultGenAiMetrics } from '../../../src/metrics/default-genai-metrics.js';
import { InProcessHistograms } from '../../../src/metrics/in-process-histograms.js';
import { meterHistograms } from '../../../src/metrics/series-histogram.js';
import { seededRandom } from '../../helpers/seeded-random.js';

/**
 * The in-process histograms against sdk-metrics' own: the same GenAI measurements recorded both
 * ways, collected at the same (faked) times, must give the same OTLP request bytes and the same
 * metric data, collection after collection.
 */
class ManualReader extends MetricReader {
  constructor(options: MetricReaderOptions) {
    super(options);
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const SCOPE = { name: 'llm-otel', version: '9.8.7' };
const resource = resourceFromAttributes({ 'service.name': 'histogram-test' });

function twoWays(temporality: AggregationTemporality, cardinalityLimit?: number) {
  const selectors = {
    aggregationTemporalitySelector: () => temporality,
    ...(cardinalityLimit !== undefined && { cardinalitySelector: () => cardinalityLimit }),
  };
  const sdkReader = new ManualReader(selectors);
  const sdkProvider = new MeterProvider({ resource, readers: [sdkReader] });
  const viaSdk = defaultGenAiMetrics(meterHistograms(sdkProvider.getMeter(SCOPE.name, SCOPE.version)));

  const histograms = new InProcessHistograms(resource, SCOPE, temporality, cardinalityLimit);
  const ourReader = new ManualReader({ ...selectors, metricProducers: [histograms] });
  const ourProvider = new MeterProvider({ resource, readers: [ourReader] });
  const viaUs = defaultGenAiMetrics(histograms.histogram);
  return {
    record(exchange: CompletedExchange) {
      viaSdk(exchange);
      viaUs(exchange);
    },
    async collect(): Promise<[ResourceMetrics, ResourceMetrics]> {
      const [sdk, ours] = await Promise.all([sdkReader.collect(), ourReader.collect()]);
      return [sdk.resourceMetrics, ours.resourceMetrics];
    },
    shutdown: () => Promise.all([sdkProvider.shutdown(), ourProvider.shutdown()]),
  };
}

// Values chosen to break a careless series key: pairs that concatenate alike ('ab' + 'c' and
// 'a' + 'bc'), text that looks like the key's own encoding, empty strings (left out, as unknown).
const MODELS = ['gpt-4o', 'ab', 'a', 'c', 'bc', 's2:ab', 'n443;', '-', '', undefined, 'modèle-ü', '😀'];
const URLS = ['https://api.openai.com/v1/chat/completions', 'http://127.0.0.1:8080/v1/chat/completions', 'http://localhost/v1', 'https://h:443/x', 'http://h:443/x'];
// Exactly on bucket boundaries, between them, beyond the last, zero, NaN and negative (dropped with a warning).
const SECONDS = [0, 0.01, 0.015, 0.64, 81.92, 100, 2.5, Number.NaN, -1];
const TOKENS = [0, 1, 4, 5, 1024, 67108864, 1e9, undefined];

function randomExchange(random: () => number): CompletedExchange {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const stream = random() < 0.3;
  return {
    span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT),
    request: { provider: pick(['openai', 'anthropic', 'ab']), operation: pick(['chat', 'embeddings', 'text_completion']), model: pick(MODELS), stream },
    response: { responseModel: pick(MODELS), usage: random() < 0.2 ? undefined : { inputTokens: pick(TOKENS), outputTokens: pick(TOKENS) } },
    url: new URL(pick(URLS)),
    status: 200,
    durationSeconds: pick(SECONDS),
    timeToFirstChunkSeconds: stream ? pick(SECONDS) : undefined,
    errorType: random() < 0.2 ? pick(['500', 'timeout', '']) : undefined,
  };
}

let now = 1_700_000_000_000;
beforeEach(() => {
  vi.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function expectSameCollections(seed: number, temporality: AggregationTemporality, calls: number, cardinalityLimit?: number): Promise<number> {
  const random = seededRandom(seed);
  const metrics = twoWays(temporality, cardinalityLimit);
  let points = 0;
  for (let i = 0; i < calls; i += 1) {
    now += Math.floor(random() * 1500);
    metrics.record(randomExchange(random));
    // Some collections right after another, with nothing measured between them.
    if (random() < 0.05 || i === calls - 1) {
      for (let again = random() < 0.3 ? 2 : 1; again > 0; again -= 1) {
        now += 7;
        const [sdk, ours] = await metrics.collect();
        expect(ours).toEqual(sdk);
        expect(Buffer.from(ProtobufMetricsSerializer.serializeRequest(ours)!)).toEqual(Buffer.from(ProtobufMetricsSerializer.serializeRequest(sdk)!));
        points += sdk.scopeMetrics.flatMap((s) => s.metrics).reduce((n, m) => n + m.dataPoints.length, 0);
      }
    }
  }
  await metrics.shutdown();
  return points;
}

describe('InProcessHistograms', () => {
  for (const [name, temporality] of [['cumulative', AggregationTemporality.CUMULATIVE], ['delta', AggregationTemporality.DELTA]] as const) {
    it(`reports what sdk-metrics reports, ${name}, over seeded runs`, async () => {
      let points = 0;
      for (let seed = 1; seed <= 12; seed += 1) points += await expectSameCollections(seed, temporality, 300);
      // The runs did compare data: many series, in many collections.
      expect(points).toBeGreaterThan(2_000);
    });

    it(`sends new series beyond the cardinality limit to the overflow series as sdk-metrics does, ${name}`, async () => {
      for (let seed = 100; seed <= 110; seed += 1) await expectSameCollections(seed, temporality, 200, 6);
    });
  }

  it('overflows at the default limit of 2,000 series per collection as sdk-metrics does', async () => {
    const metrics = twoWays(AggregationTemporality.CUMULATIVE);
    const random = seededRandom(7);
    for (let i = 0; i < 2100; i += 1) {
      const exchange = randomExchange(random);
      metrics.record({ ...exchange, durationSeconds: 1, request: { ...exchange.request, model: `model-${i}` } });
    }
    const [sdk, ours] = await metrics.collect();
    expect(ours).toEqual(sdk);
    const duration = ours.scopeMetrics[0]!.metrics.find((m) => m.descriptor.name === 'gen_ai.client.operation.duration')!;
    expect(duration.dataPoints).toHaveLength(2000);
    expect(duration.dataPoints.at(-1)!.attributes).toEqual({ 'otel.metric.overflow': true });
    await metrics.shutdown();
  });

  it('reports no scope when nothing was measured', async () => {
    const histograms = new InProcessHistograms(resource, SCOPE, AggregationTemporality.DELTA);
    defaultGenAiMetrics(histograms.histogram);
    expect((await histograms.collect()).resourceMetrics.scopeMetrics).toEqual([]);
  });
});
