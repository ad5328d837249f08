import { calcPrice } from '@pydantic/genai-prices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceTableProviderId } from '../../src/cost/price-table-provider-ids.js';
import { pricingUsageOf } from '../../src/cost/pricing-usage.js';
import { listFixtures } from '../helpers/fixtures.js';
import {
  startOtlpReceiver,
  type OtlpReceiver,
  type ReceivedAttributes,
  type ReceivedHistogramPoint,
  type ReceivedMetric,
  type ReceivedNumberPoint,
  type ReceivedSpan,
} from '../helpers/otlp-receiver.js';
import { isOpenAiCompatible, openAiDriver } from './drivers/openai-driver.js';
import { replayWithDriver, type Replay } from '../helpers/replay-runner.js';

const fixtures = listFixtures(isOpenAiCompatible);

/** The attributes every GenAI client metric point carries, read off a span. */
const METRIC_KEYS = [
  'gen_ai.operation.name', 'gen_ai.provider.name', 'gen_ai.request.model', 'gen_ai.response.model', 'server.address', 'server.port',
];

function pick(attributes: ReceivedAttributes, keys: string[], extra: ReceivedAttributes = {}): string {
  const picked: ReceivedAttributes = { ...extra };
  for (const key of keys) if (attributes[key] !== undefined) picked[key] = attributes[key]!;
  return JSON.stringify(Object.entries(picked).sort(([a], [b]) => a.localeCompare(b)));
}

interface Expected {
  count: number;
  sum: number;
}

/** Per attribute set: how many spans and the sum of `value(span)` over those where it is defined. */
function expectedFromSpans(
  spans: ReceivedSpan[],
  value: (span: ReceivedSpan) => number | undefined,
  key: (span: ReceivedSpan) => string,
): Map<string, Expected> {
  const expected = new Map<string, Expected>();
  for (const span of spans) {
    const v = value(span);
    if (v === undefined) continue;
    const k = key(span);
    const e = expected.get(k) ?? { count: 0, sum: 0 };
    expected.set(k, { count: e.count + 1, sum: e.sum + v });
  }
  return expected;
}

/** The last export of each metric (cumulative temporality: the last holds everything). */
function lastMetric(receiver: OtlpReceiver, name: string): ReceivedMetric | undefined {
  return receiver.metrics.filter((m) => m.name === name).at(-1);
}

function histogramByAttributes(metric: ReceivedMetric | undefined): Map<string, ReceivedHistogramPoint> {
  expect(metric?.type, 'histogram').toBe('histogram');
  const points = metric!.dataPoints as ReceivedHistogramPoint[];
  return new Map(points.map((p) => [pick(p.attributes, Object.keys(p.attributes)), p]));
}

function counterByAttributes(metric: ReceivedMetric | undefined): Map<string, ReceivedNumberPoint> {
  expect(metric?.type, 'sum').toBe('sum');
  const points = metric!.dataPoints as ReceivedNumberPoint[];
  return new Map(points.map((p) => [pick(p.attributes, Object.keys(p.attributes)), p]));
}

async function metricsArrived(receiver: OtlpReceiver, name: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (!receiver.metrics.some((m) => m.name === name) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

const numberAttr = (key: string) => (span: ReceivedSpan) => {
  const value = span.attributes[key];
  return typeof value === 'number' ? value : undefined;
};

describe('GenAI client metrics equal the spans (default names), openai 7 replaying the OpenAI-compatible corpus', () => {
  let receiver: OtlpReceiver;
  let replay: Replay;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(openAiDriver('openai7'), fixtures, receiver, { compress: true });
    await metricsArrived(receiver, 'gen_ai.client.operation.duration');
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  it('ran every call', () => {
    expect(replay.run.code, replay.run.stderr).toBe(0);
    expect(replay.spans).toHaveLength(fixtures.length);
  });

  it('gen_ai.client.token.usage: count and sum per token type and attribute set equal the spans usage', () => {
    const received = histogramByAttributes(lastMetric(receiver, 'gen_ai.client.token.usage'));
    const expected = new Map([
      ...expectedFromSpans(replay.spans, numberAttr('gen_ai.usage.input_tokens'), (s) =>
        pick(s.attributes, METRIC_KEYS, { 'gen_ai.token.type': 'input' }),
      ),
      ...expectedFromSpans(replay.spans, numberAttr('gen_ai.usage.output_tokens'), (s) =>
        pick(s.attributes, METRIC_KEYS, { 'gen_ai.token.type': 'output' }),
      ),
    ]);
    expect(expected.size).toBeGreaterThan(10);
    expect([...received.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, e] of expected) expect({ count: received.get(key)!.count, sum: received.get(key)!.sum }, key).toEqual(e);
  });

  it('gen_ai.client.operation.duration: one point per call, error.type on failures, sums match span durations', () => {
    const received = histogramByAttributes(lastMetric(receiver, 'gen_ai.client.operation.duration'));
    const durationOf = (s: ReceivedSpan) => Number(s.endTimeUnixNano - s.startTimeUnixNano) / 1e9;
    const expected = expectedFromSpans(replay.spans, durationOf, (s) => pick(s.attributes, [...METRIC_KEYS, 'error.type']));
    expect([...received.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...received.keys()].some((k) => k.includes('error.type'))).toBe(true);
    for (const [key, e] of expected) {
      const point = received.get(key)!;
      expect(point.count, key).toBe(e.count);
      // The metric is measured around the span (it starts a few microseconds earlier).
      expect(Math.abs(point.sum! - e.sum), key).toBeLessThan(0.002 * e.count);
      expect(point.explicitBounds).toEqual([0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]);
    }
  });

  it('gen_ai.client.operation.time_to_first_chunk: streamed calls only, equal to the span attribute', () => {
    const received = histogramByAttributes(lastMetric(receiver, 'gen_ai.client.operation.time_to_first_chunk'));
    const expected = expectedFromSpans(replay.spans, numberAttr('gen_ai.response.time_to_first_chunk'), (s) =>
      pick(s.attributes, METRIC_KEYS),
    );
    expect(expected.size).toBeGreaterThan(3);
    expect([...received.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, e] of expected) {
      expect(received.get(key)!.count, key).toBe(e.count);
      expect(received.get(key)!.sum!, key).toBeCloseTo(e.sum, 9);
    }
  });

  it("puts the table's price on each span whose model the table knows, and none on the others", () => {
    let priced = 0;
    for (const { fixture, span } of replay.fixtures) {
      const e = fixture.expected as Record<string, unknown>;
      const usage = pricingUsageOf(fixture.provider, {
        inputTokens: (e.input_tokens as number | null) ?? undefined,
        outputTokens: (e.output_tokens as number | null) ?? undefined,
        cacheReadInputTokens: (e.cached_input_tokens as number | undefined) ?? undefined,
        reasoningOutputTokens: (e.reasoning_tokens as number | undefined) ?? undefined,
      });
      const providerId = priceTableProviderId(fixture.provider);
      const table = [e.model_response, e.model_request]
        .map((model) => (usage && providerId && typeof model === 'string' ? calcPrice(usage, model, { providerId }) : null))
        .find((result) => result);
      expect(span?.attributes['llm_otel.cost.usd'], fixture.name).toBe(table?.total_price);
      if (table) priced += 1;
    }
    expect(priced).toBeGreaterThanOrEqual(40);
  });

  it('records the price table on the resource of spans and metrics', () => {
    const table = replay.spans[0]!.resource['llm_otel.cost.price_table'];
    expect(table).toMatch(/^@pydantic\/genai-prices@\d+\.\d+\.\d+/);
    expect(lastMetric(receiver, 'gen_ai.client.token.usage')!.resource['llm_otel.cost.price_table']).toBe(table);
    expect(lastMetric(receiver, 'gen_ai.client.token.usage')!.resource['service.name']).toBe('replay-test');
  });
});

describe('latest names (OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental), openai 6', () => {
  let receiver: OtlpReceiver;
  let replay: Replay;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ port: 0 });
    replay = await replayWithDriver(openAiDriver('openai6'), fixtures, receiver, {
      chunkBytes: 37,
      env: { OTEL_SEMCONV_STABILITY_OPT_IN: 'gen_ai_latest_experimental' },
    });
    await metricsArrived(receiver, 'gen_ai.client.inference.duration');
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await receiver?.close();
  });

  const inference = (s: ReceivedSpan) => ['chat', 'text_completion', 'generate_content'].includes(String(s.attributes['gen_ai.operation.name']));

  it('emits the new names and not gen_ai.client.token.usage', () => {
    expect(replay.run.code, replay.run.stderr).toBe(0);
    const names = new Set(receiver.metrics.map((m) => m.name));
    expect(names.has('gen_ai.client.token.usage')).toBe(false);
    for (const name of [
      'gen_ai.client.inference.duration',
      'gen_ai.client.inference.time_to_first_chunk',
      'gen_ai.client.inference.operation.input_tokens',
      'gen_ai.client.inference.usage.input_tokens',
      'gen_ai.client.inference.usage.output_tokens',
      'gen_ai.client.embeddings.duration',
    ]) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it.each([
    ['gen_ai.client.inference.usage.input_tokens', 'gen_ai.usage.input_tokens'],
    ['gen_ai.client.inference.usage.output_tokens', 'gen_ai.usage.output_tokens'],
    ['gen_ai.client.inference.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read.input_tokens'],
    ['gen_ai.client.inference.usage.reasoning.output_tokens', 'gen_ai.usage.reasoning.output_tokens'],
  ])('%s sums %s over inference spans, per attribute set', (metric, attribute) => {
    const received = counterByAttributes(lastMetric(receiver, metric));
    const expected = expectedFromSpans(
      replay.spans.filter(inference),
      (s) => numberAttr(attribute)(s) ?? 0,
      (s) => pick(s.attributes, METRIC_KEYS, { 'gen_ai.token.modality': 'unknown' }),
    );
    expect([...received.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, e] of expected) expect(received.get(key)!.value, key).toBe(e.sum);
  });

  it('gen_ai.client.inference.duration counts each inference call, with error.type on failures', () => {
    const received = histogramByAttributes(lastMetric(receiver, 'gen_ai.client.inference.duration'));
    const expected = expectedFromSpans(replay.spans.filter(inference), () => 1, (s) => pick(s.attributes, [...METRIC_KEYS, 'error.type']));
    expect([...received.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, e] of expected) expect(received.get(key)!.count, key).toBe(e.count);
  });
});
