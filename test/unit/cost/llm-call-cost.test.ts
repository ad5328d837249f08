import fs from 'node:fs';
import path from 'node:path';
import { INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import type { CompletedExchange } from '../../../src/capture/types.js';
import { createCostListener } from '../../../src/cost/cost-listener.js';
import { llmCallCostUsd } from '../../../src/cost/llm-call-cost.js';
import { priceTableProviderId } from '../../../src/cost/price-table-provider-ids.js';
import { priceTableVersion } from '../../../src/cost/price-table-version.js';
import { pricingUsageOf } from '../../../src/cost/pricing-usage.js';
import type { Usage } from '../../../src/providers/types.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import { listFixtures, type Fixture } from '../../helpers/fixtures.js';

/** The usage a span carries for a fixture: the provider's own counters, as `expected` records them. */
function usageOf(fixture: Fixture): Usage | undefined {
  const e = fixture.expected as Record<string, number | null | undefined>;
  if (e.input_tokens == null && e.output_tokens == null) return undefined;
  return {
    inputTokens: e.input_tokens ?? undefined,
    outputTokens: e.output_tokens ?? undefined,
    cacheReadInputTokens: e.cached_input_tokens ?? e.cache_read_input_tokens ?? undefined,
    cacheCreationInputTokens: e.cache_creation_input_tokens ?? undefined,
    reasoningOutputTokens: e.reasoning_tokens ?? undefined,
  };
}

/** Rate keys for the usage units our spans carry; others (audio, web searches, 1h cache) never apply to them. */
const TOKEN_RATE_KEYS = ['input_mtok', 'output_mtok', 'cache_read_mtok', 'cache_write_mtok', 'output_reasoning_mtok'];

/**
 * The price worked out by hand from the table's per-million rates for the model, independent of
 * how the package partitions usage: uncached input, cache reads and writes, output and reasoning
 * each at their own rate, a part without a rate at its parent's (input or output). A tiered rate
 * is its base below the first tier. Undefined for a per-request price, where a hand formula
 * would guess.
 */
function handPrice(fixture: Fixture, usage: Usage, model: string): number | undefined {
  const table = calcPrice({ input_tokens: 1, output_tokens: 1 }, model, { providerId: priceTableProviderId(fixture.provider)! });
  if (!table) return undefined;
  const prices = table.model_price as Record<string, number | { base: number; tiers: Array<{ start: number }> } | undefined>;
  if (prices.requests_kcount !== undefined) return undefined;
  const cacheRead = usage.cacheReadInputTokens ?? 0;
  const cacheWrite = usage.cacheCreationInputTokens ?? 0;
  const reasoning = usage.reasoningOutputTokens ?? 0;
  // Anthropic and Bedrock count input without the cache; Gemini counts output without thinking.
  const inputTotal = (usage.inputTokens ?? 0) + (['anthropic', 'aws.bedrock'].includes(fixture.provider) ? cacheRead + cacheWrite : 0);
  const outputTotal = (usage.outputTokens ?? 0) + (fixture.provider.startsWith('gcp.') ? reasoning : 0);
  const perToken = (key: string): number | undefined => {
    const price = prices[key];
    if (price === undefined || typeof price === 'number') return price === undefined ? undefined : price / 1e6;
    return inputTotal < Math.min(...price.tiers.map((t) => t.start)) ? price.base / 1e6 : Number.NaN;
  };
  const rates = Object.fromEntries(TOKEN_RATE_KEYS.map((k) => [k, perToken(k)]));
  if (Object.values(rates).some((r) => Number.isNaN(r))) return undefined;
  const rate = (key: string, parent: string) => rates[key] ?? rates[parent] ?? 0;
  return (
    (inputTotal - cacheRead - cacheWrite) * rate('input_mtok', 'input_mtok') +
    cacheRead * rate('cache_read_mtok', 'input_mtok') +
    cacheWrite * rate('cache_write_mtok', 'input_mtok') +
    (outputTotal - reasoning) * rate('output_mtok', 'output_mtok') +
    reasoning * rate('output_reasoning_mtok', 'output_mtok')
  );
}

describe('usage for the price table', () => {
  it.each([
    ['openai', { inputTokens: 100, outputTokens: 40, cacheReadInputTokens: 60, reasoningOutputTokens: 10 },
      { input_tokens: 100, output_tokens: 40, cache_read_tokens: 60, output_reasoning_tokens: 10 }],
    ['anthropic', { inputTokens: 5, outputTokens: 40, cacheReadInputTokens: 1000, cacheCreationInputTokens: 200 },
      { input_tokens: 1205, output_tokens: 40, cache_read_tokens: 1000, cache_write_tokens: 200 }],
    ['aws.bedrock', { inputTokens: 7, outputTokens: 3, cacheReadInputTokens: 10 },
      { input_tokens: 17, output_tokens: 3, cache_read_tokens: 10 }],
    ['gcp.vertex_ai', { inputTokens: 12, outputTokens: 30, reasoningOutputTokens: 70 },
      { input_tokens: 12, output_tokens: 100, output_reasoning_tokens: 70 }],
    ['openai', { outputTokens: 4 }, { input_tokens: 0, output_tokens: 4 }],
  ] as const)('%s %o', (provider, usage, expected) => {
    expect(pricingUsageOf(provider, usage)).toEqual(expected);
  });

  it('has nothing to price without input and output counts', () => {
    expect(pricingUsageOf('openai', undefined)).toBeUndefined();
    expect(pricingUsageOf('openai', { cacheReadInputTokens: 3 })).toBeUndefined();
  });
});

describe("cost of the corpus' calls equals the table's price", () => {
  const priced = listFixtures((f) => priceTableProviderId(f.provider) !== undefined && usageOf(f) !== undefined);

  it.each(priced.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const usage = usageOf(fixture)!;
    const e = fixture.expected;
    const cost = llmCallCostUsd({
      provider: fixture.provider,
      responseModel: e.model_response ?? undefined,
      requestModel: e.model_request ?? undefined,
      usage,
    });
    const model = [e.model_response, e.model_request].find(
      (m) => m && calcPrice({ input_tokens: 1, output_tokens: 1 }, m, { providerId: priceTableProviderId(fixture.provider)! }),
    );
    if (!model) {
      expect(cost, 'a model the table does not know gets no cost').toBeUndefined();
      return;
    }
    const byHand = handPrice(fixture, usage, model);
    const fromTable = calcPrice(pricingUsageOf(fixture.provider, usage)!, model, { providerId: priceTableProviderId(fixture.provider)! })!;
    expect(cost).toBe(fromTable.total_price);
    if (byHand !== undefined) expect(cost).toBeCloseTo(byHand, 12);
  });

  it('prices nearly all of them by hand too, cache writes and reasoning included', () => {
    const byHand = priced.filter((f) => {
      const e = f.expected;
      const model = [e.model_response, e.model_request].find(
        (m) => m && calcPrice({ input_tokens: 1, output_tokens: 1 }, m, { providerId: priceTableProviderId(f.provider)! }),
      );
      return model && handPrice(f, usageOf(f)!, model) !== undefined;
    });
    expect(byHand.length).toBeGreaterThanOrEqual(90);
    expect(byHand.some((f) => (usageOf(f)!.cacheCreationInputTokens ?? 0) > 0)).toBe(true);
    expect(byHand.some((f) => (usageOf(f)!.reasoningOutputTokens ?? 0) > 0)).toBe(true);
  });
});

describe('no cost and no error where the table cannot say', () => {
  it('gives no cost for an unknown model, an unmapped provider or missing usage', () => {
    expect(llmCallCostUsd({ provider: 'openai', requestModel: 'my-own-finetune', usage: { inputTokens: 1, outputTokens: 1 } })).toBeUndefined();
    expect(llmCallCostUsd({ provider: 'ollama', requestModel: 'llama3', usage: { inputTokens: 1, outputTokens: 1 } })).toBeUndefined();
    expect(llmCallCostUsd({ provider: 'openai', requestModel: 'gpt-4o-mini' })).toBeUndefined();
  });

  it('falls back to the request model when the response names one the table does not know', () => {
    const usage = { inputTokens: 1000, outputTokens: 100 };
    const viaFallback = llmCallCostUsd({ provider: 'openai', responseModel: 'gpt-4o-mini-internal-build', requestModel: 'gpt-4o-mini', usage });
    expect(viaFallback).toBe(calcPrice({ input_tokens: 1000, output_tokens: 100 }, 'gpt-4o-mini', { providerId: 'openai' })!.total_price);
  });
});

describe('the cost listener', () => {
  function exchangeOn(span: CompletedExchange['span'], usage: Usage, model = 'gpt-4o-mini'): CompletedExchange {
    return {
      span,
      request: { provider: 'openai', operation: 'chat', model, stream: false },
      response: { responseModel: model, usage },
      url: new URL('https://api.openai.com/v1/chat/completions'),
      status: 200,
      durationSeconds: 0.1,
    };
  }

  it('puts llm_otel.cost.usd on a recording span, and never throws on usage the table rejects', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    const tracer = provider.getTracer('test');
    const listener = createCostListener();
    const good = tracer.startSpan('good');
    listener(exchangeOn(good, { inputTokens: 2000, outputTokens: 500 }));
    good.end();
    const rejected = tracer.startSpan('rejected');
    expect(() => listener(exchangeOn(rejected, { inputTokens: 5, outputTokens: 1, cacheReadInputTokens: 50 }))).not.toThrow();
    rejected.end();
    const unknown = tracer.startSpan('unknown');
    listener(exchangeOn(unknown, { inputTokens: 5, outputTokens: 1 }, 'not-a-model'));
    unknown.end();
    expect(() => listener(exchangeOn(trace.wrapSpanContext(INVALID_SPAN_CONTEXT), { inputTokens: 1, outputTokens: 1 }))).not.toThrow();
    const costs = Object.fromEntries(exporter.getFinishedSpans().map((s) => [s.name, s.attributes['llm_otel.cost.usd']]));
    expect(costs).toEqual({
      good: calcPrice({ input_tokens: 2000, output_tokens: 500 }, 'gpt-4o-mini', { providerId: 'openai' })!.total_price,
      rejected: undefined,
      unknown: undefined,
    });
    await provider.shutdown();
  });
});

describe('price table version', () => {
  it('names the installed @pydantic/genai-prices', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, 'node_modules/@pydantic/genai-prices/package.json'), 'utf8'),
    ) as { version: string };
    expect(priceTableVersion()).toBe(`@pydantic/genai-prices@${manifest.version}`);
  });
});
