import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AggregationTemporality, MeterProvider, MetricReader, type HistogramMetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LlmHttpInstrumentation } from '../../../src/capture/llm-http-instrumentation.js';
import { InProcessHistograms } from '../../../src/metrics/in-process-histograms.js';
import { startMockLlmServer, type MockLlmServer } from '../../../src/mock-server/mock-llm-server.js';
import { useInMemorySdk } from '../../helpers/in-memory-sdk.js';

/**
 * The instrumentation owns its metrics and cost: an app with its own SDK hands it a meter
 * provider (as NodeSDK does through setMeterProvider) and wires no listener.
 */
class CollectingReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const { exporter, provider } = useInMemorySdk();
let server: MockLlmServer;
let instrumentation: LlmHttpInstrumentation;
const reader = new CollectingReader();
const meterProvider = new MeterProvider({ readers: [reader] });

beforeAll(async () => {
  server = await startMockLlmServer({ maxRequests: 10 });
  instrumentation = new LlmHttpInstrumentation({ genAiConventions: 'default' });
  instrumentation.setTracerProvider(provider);
  instrumentation.setMeterProvider(meterProvider);
});

afterAll(async () => {
  instrumentation.disable();
  await meterProvider.shutdown();
  await server.close();
});

function tokenSums(resourceMetrics: ResourceMetrics): Record<string, number | undefined> {
  const metrics = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
  const tokenUsage = metrics.find((m) => m.descriptor.name === 'gen_ai.client.token.usage') as HistogramMetricData | undefined;
  return Object.fromEntries((tokenUsage?.dataPoints ?? []).map((p) => [p.attributes['gen_ai.token.type'], p.value.sum]));
}

async function chat(): Promise<{ usage: { prompt_tokens: number; completion_tokens: number } }> {
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 3 });
  const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', body });
  return (await response.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
}

describe('LlmHttpInstrumentation metrics and cost', () => {
  it('records the GenAI client metrics on the meter provider it was given', async () => {
    const { usage } = await chat();
    const { resourceMetrics } = await reader.collect();
    const metrics = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
    const tokenUsage = metrics.find((m) => m.descriptor.name === 'gen_ai.client.token.usage') as HistogramMetricData | undefined;
    const sums = Object.fromEntries((tokenUsage?.dataPoints ?? []).map((p) => [p.attributes['gen_ai.token.type'], p.value.sum]));
    expect(sums).toEqual({ input: usage.prompt_tokens, output: usage.completion_tokens });
    expect(metrics.map((m) => m.descriptor.name)).toContain('gen_ai.client.operation.duration');
    expect(resourceMetrics.scopeMetrics[0]!.scope.name).toBe('llm-otel');
  });

  it('puts the cost on the LLM span without any listener added', async () => {
    exporter.reset();
    await chat();
    const [span] = exporter.getFinishedSpans();
    expect(span!.attributes['llm_otel.cost.usd']).toBeGreaterThan(0);
  });

  it('aggregates the histograms in process on the meter provider register gives it, and on instruments again on any other', async () => {
    const resource = resourceFromAttributes({ 'service.name': 'in-process' });
    const histograms = new InProcessHistograms(resource, { name: 'llm-otel', version: '0' }, AggregationTemporality.CUMULATIVE);
    const ownReader = new CollectingReader();
    const ownProvider = new MeterProvider({ resource, readers: [ownReader] });
    instrumentation.setMeterProviderWithHistograms(ownProvider, histograms.histogram);
    const { usage } = await chat();
    // Nothing on the provider's instruments: the producer holds the measurements.
    expect(tokenSums((await ownReader.collect()).resourceMetrics)).toEqual({});
    expect(tokenSums((await histograms.collect()).resourceMetrics)).toEqual({ input: usage.prompt_tokens, output: usage.completion_tokens });

    // The first provider's reader is cumulative: the next call must add exactly its tokens there.
    const before = tokenSums((await reader.collect()).resourceMetrics);
    instrumentation.setMeterProvider(meterProvider);
    const second = await chat();
    expect(tokenSums((await histograms.collect()).resourceMetrics)).toEqual({ input: usage.prompt_tokens, output: usage.completion_tokens });
    expect(tokenSums((await reader.collect()).resourceMetrics)).toEqual({
      input: (before.input ?? 0) + second.usage.prompt_tokens,
      output: (before.output ?? 0) + second.usage.completion_tokens,
    });
    await ownProvider.shutdown();
  });
});
