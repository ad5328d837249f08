import { SpanStatusCode } from '@opentelemetry/api';
import { calcPrice } from '@pydantic/genai-prices';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureManualApi } from '../../../src/api/manual-api-settings.js';
import { span } from '../../../src/api/span.js';
import { trace } from '../../../src/api/trace.js';
import type { SpanHandle } from '../../../src/api/types.js';
import { installInMemoryTracing, only, type InMemoryTracing } from './in-memory-tracing.js';

let tracing: InMemoryTracing;

beforeAll(async () => {
  tracing = await installInMemoryTracing();
});

afterAll(async () => {
  await tracing.close();
});

beforeEach(() => {
  tracing.exporter.reset();
  configureManualApi({ enabled: true, captureContent: false, maxContentBytes: 16384 });
});

afterEach(() => configureManualApi({ enabled: true, captureContent: false, maxContentBytes: 16384 }));

class RateLimitError extends Error {
  override name = 'RateLimitError';
}

describe('what fn returns and throws', () => {
  it('returns a sync value and ends the span before returning', () => {
    expect(span('sum', 'function', () => 1 + 2)).toBe(3);
    expect(tracing.spans().map((s) => s.name)).toEqual(['sum']);
  });

  it('returns the very promise fn returned, subclass methods included, and ends the span when it settles', async () => {
    class ApiPromise<T> extends Promise<T> {
      withResponse() {
        return 'raw';
      }
    }
    let resolve!: (value: string) => void;
    const pending = new ApiPromise<string>((r) => (resolve = r));
    const returned = span('call', 'llm', () => pending);
    expect(returned).toBe(pending);
    expect(returned.withResponse()).toBe('raw');
    expect(tracing.spans()).toHaveLength(0);
    resolve('done');
    expect(await returned).toBe('done');
    await new Promise((r) => setImmediate(r));
    expect(tracing.spans().map((s) => s.name)).toEqual(['chat call']);
    expect(tracing.spans()[0]!.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('rethrows a sync error unchanged and records it', () => {
    const error = new RateLimitError('slow down');
    let caught: unknown;
    try {
      span('lookup', 'tool', () => {
        throw error;
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(error);
    const [finished] = tracing.spans();
    expect(finished!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'slow down' });
    expect(finished!.attributes['error.type']).toBe('RateLimitError');
    expect(finished!.events.map((e) => [e.name, e.attributes?.['exception.type'], e.attributes?.['exception.message']])).toEqual([
      ['exception', 'RateLimitError', 'slow down'],
    ]);
  });

  it('rethrows an async rejection unchanged and records its code as error.type', async () => {
    const error = Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' });
    await expect(
      trace('job', async () => {
        await Promise.resolve();
        throw error;
      }),
    ).rejects.toBe(error);
    await new Promise((r) => setImmediate(r));
    const [finished] = tracing.spans();
    expect(finished!.attributes['error.type']).toBe('ECONNREFUSED');
    expect(finished!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('records a thrown non-Error value as _OTHER', () => {
    expect(() =>
      span('odd', 'other', () => {
        throw 'plain string';
      }),
    ).toThrow('plain string');
    const [finished] = tracing.spans();
    expect(finished!.attributes['error.type']).toBe('_OTHER');
    expect(finished!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'plain string' });
  });
});

describe('handle methods', () => {
  it('setError marks the span failed without throwing, and fn still returns', () => {
    const value = span('fallback', 'tool', (handle) => {
      handle.setError(new TypeError('bad input'));
      return 'recovered';
    });
    expect(value).toBe('recovered');
    const [finished] = tracing.spans();
    expect(finished!.attributes['error.type']).toBe('TypeError');
    expect(finished!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad input' });
  });

  it('setUsage sets the usage attributes and, on an llm span with provider and model, the table price', () => {
    span('answer', 'llm', { provider: 'openai', model: 'gpt-4o-mini' }, (handle) => {
      handle.setUsage({ inputTokens: 1200, outputTokens: 300, cacheReadInputTokens: 1000 });
    });
    const [finished] = tracing.spans();
    const table = calcPrice({ input_tokens: 1200, output_tokens: 300, cache_read_tokens: 1000 }, 'gpt-4o-mini', { providerId: 'openai' });
    expect(table).not.toBeNull();
    expect(finished!.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 300,
      'gen_ai.usage.cache_read.input_tokens': 1000,
      'llm_otel.cost.usd': table!.total_price,
    });
  });

  it('prices no model the table does not know, and no span without provider and model', () => {
    span('a', 'llm', { provider: 'openai', model: 'my-finetune-xyz' }, (h) => h.setUsage({ inputTokens: 10, outputTokens: 5 }));
    span('b', 'llm', { model: 'gpt-4o-mini' }, (h) => h.setUsage({ inputTokens: 10, outputTokens: 5 }));
    span('c', 'tool', (h) => h.setUsage({ inputTokens: 10, outputTokens: 5 }));
    for (const finished of tracing.spans()) {
      expect(finished.attributes['llm_otel.cost.usd'], finished.name).toBeUndefined();
      expect(finished.attributes['gen_ai.usage.input_tokens'], finished.name).toBe(10);
    }
    expect(tracing.spans()).toHaveLength(3);
  });

  it('setCost wins over a computed price, before or after setUsage; bad values are ignored', () => {
    span('before', 'llm', { provider: 'openai', model: 'gpt-4o-mini' }, (h) => {
      h.setAttributes({ step: 'before' });
      h.setCost(0.5);
      h.setUsage({ inputTokens: 100, outputTokens: 100 });
    });
    span('after', 'llm', { provider: 'openai', model: 'gpt-4o-mini' }, (h) => {
      h.setAttributes({ step: 'after' });
      h.setUsage({ inputTokens: 100, outputTokens: 100 });
      h.setCost(0.25);
      h.setCost(Number.NaN);
      h.setCost(-1);
    });
    const costs = tracing.spans().map((s) => [s.attributes.step, s.attributes['llm_otel.cost.usd']]);
    expect(costs).toEqual([
      ['before', 0.5],
      ['after', 0.25],
    ]);
  });

  it('ignores calls after the span ended and never throws on bad arguments', async () => {
    let kept: SpanHandle | undefined;
    span('short', 'tool', (handle) => {
      kept = handle;
    });
    expect(() => {
      kept!.setCost(1);
      kept!.setUsage({ inputTokens: 5 });
      kept!.setError(new Error('late'));
      kept!.setAttributes({ late: true });
    }).not.toThrow();
    const [finished] = tracing.spans();
    expect(finished!.attributes).toEqual({
      'llm_otel.span.kind': 'tool',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'short',
    });
    expect(() =>
      span('weird', 'tool', (handle) => {
        handle.setUsage(null as never);
        handle.setAttributes(undefined as never);
        handle.setCost('1' as never);
      }),
    ).not.toThrow();
  });
});

describe('content (input and output) follows the content capture setting', () => {
  it('records nothing by default', () => {
    span('get_weather', 'tool', { input: { city: 'Paris' } }, (h) => h.setOutput({ celsius: 21 }));
    expect(Object.keys(tracing.spans()[0]!.attributes)).toEqual([
      'llm_otel.span.kind',
      'gen_ai.operation.name',
      'gen_ai.tool.name',
    ]);
  });

  it('records each kind under its convention key when capture is on', () => {
    configureManualApi({ enabled: true, captureContent: true, maxContentBytes: 16384 });
    span('get_weather', 'tool', { input: { city: 'Paris' } }, (h) => h.setOutput({ celsius: 21 }));
    span('kb', 'retrieval', { input: 'opening hours' }, (h) => h.setOutput([{ id: 'doc-1', score: 0.9 }]));
    span('helper', 'llm', { model: 'local', input: 'hi' }, (h) => h.setOutput('hello'));
    span('parse', 'function', { input: [1, 2] }, (h) => h.setOutput({ ok: true }));
    const spans = tracing.spans();
    expect(only(spans, 'execute_tool get_weather').attributes).toMatchObject({
      'gen_ai.tool.call.arguments': '{"city":"Paris"}',
      'gen_ai.tool.call.result': '{"celsius":21}',
    });
    expect(only(spans, 'retrieval kb').attributes).toMatchObject({
      'gen_ai.retrieval.query.text': 'opening hours',
      'gen_ai.retrieval.documents': '[{"id":"doc-1","score":0.9}]',
    });
    expect(only(spans, 'chat local').attributes).toMatchObject({
      'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]',
      'gen_ai.output.messages': '[{"role":"assistant","parts":[{"type":"text","content":"hello"}]}]',
    });
    expect(only(spans, 'parse').attributes).toMatchObject({ 'llm_otel.input': '[1,2]', 'llm_otel.output': '{"ok":true}' });
  });

  it('keeps content within max bytes and survives values JSON cannot encode', () => {
    configureManualApi({ enabled: true, captureContent: true, maxContentBytes: 40 });
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const value = span('kb', 'retrieval', { input: 'é'.repeat(100) }, (h) => {
      h.setOutput(circular);
      h.setOutput(10n);
      return 'still fine';
    });
    expect(value).toBe('still fine');
    const query = tracing.spans()[0]!.attributes['gen_ai.retrieval.query.text'] as string;
    expect(Buffer.byteLength(query)).toBeLessThanOrEqual(40);
    expect(query).toMatch(/^(é)+…\[truncated\]$/);
    expect(tracing.spans()[0]!.attributes['gen_ai.retrieval.documents']).toBeUndefined();
  });
});
