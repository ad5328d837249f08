import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeterProvider, MetricReader, type HistogramMetricData } from '@opentelemetry/sdk-metrics';
import { LlmHttpInstrumentation } from '../../../src/capture/llm-http-instrumentation.js';
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
});
