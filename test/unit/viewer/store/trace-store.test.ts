import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { getTraceSummary, listFacets, listTraces, searchTraceIds } from '../../../../src/viewer/store/trace-queries.js';
import { TraceStore } from '../../../../src/viewer/store/trace-store.js';
import { ns, span } from '../span-builder.js';

// Recent, so the default age bound (7 days) keeps them.
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
const opened: TraceStore[] = [];
const dirs: string[] = [];

afterEach(() => {
  while (opened.length) opened.pop()!.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function open(options: Parameters<typeof TraceStore.open>[0]): Promise<TraceStore> {
  const store = await TraceStore.open(options);
  opened.push(store);
  return store;
}

function tempDb(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-otel-store-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'traces.db');
}

const traceId = (n: number) => n.toString(16).padStart(32, '0');

function llmTrace(n: number, startMs: number, extra: { model?: string; error?: boolean; service?: string } = {}) {
  const id = traceId(n);
  const root = span({ traceId: id, spanId: `${n.toString(16).padStart(8, '0')}00000001`, name: `root-${n}`, startMs, durationMs: 50, service: extra.service });
  const chat = span({
    traceId: id,
    spanId: `${n.toString(16).padStart(8, '0')}00000002`,
    parentSpanId: root.spanId,
    name: `chat ${extra.model ?? 'gpt-4o-mini'}`,
    kind: 3,
    startMs: startMs + 5,
    durationMs: 30,
    service: extra.service,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': extra.model ?? 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 6,
      'gen_ai.usage.output_tokens': 8,
      'llm_otel.cost.usd': 0.25,
      'user.id': 'u-42',
      'llm_otel.tags': ['beta', 'demo'],
    },
    status: extra.error ? { code: 2, message: 'upstream 500' } : { code: 0 },
  });
  return [root, chat];
}

describe('TraceStore', () => {
  it('keeps a summary per trace that adds up spans arriving in several batches, ignoring repeats', async () => {
    const store = await open({ memory: true });
    const [root, chat] = llmTrace(1, T0, { error: true });
    store.ingestSpans([chat!]);
    expect(getTraceSummary(store, traceId(1))).toMatchObject({ rootName: 'chat gpt-4o-mini', hasRoot: false, spanCount: 1 });
    store.ingestSpans([root!, chat!]);
    expect(getTraceSummary(store, traceId(1))).toEqual({
      traceId: traceId(1),
      startMs: T0,
      durationMs: 50,
      service: 'svc',
      rootName: 'root-1',
      hasRoot: true,
      spanCount: 2,
      errorCount: 1,
      llmCount: 1,
      inputTokens: 6,
      outputTokens: 8,
      costUsd: 0.25,
    });
    const spans = store.getTraceSpans(traceId(1));
    expect(spans.map((s) => s.name)).toEqual(['root-1', 'chat gpt-4o-mini']);
    expect(spans[1]).toEqual(chat);
  });

  it('filters the trace list by service, model, provider, status, user, tag, time and free text', async () => {
    const store = await open({ memory: true });
    store.ingestSpans(llmTrace(1, T0, { model: 'gpt-4o', service: 'a' }));
    store.ingestSpans(llmTrace(2, T0 + 1000, { model: 'claude-3', error: true, service: 'b' }));
    store.ingestSpans([span({ traceId: traceId(3), name: 'plain', startMs: T0 + 2000, service: 'a' })]);
    const ids = (filter: Parameters<typeof listTraces>[1]) => listTraces(store, filter).map((t) => t.traceId);
    expect(ids({})).toEqual([traceId(3), traceId(2), traceId(1)]);
    expect(ids({ service: 'a' })).toEqual([traceId(3), traceId(1)]);
    expect(ids({ model: 'claude-3' })).toEqual([traceId(2)]);
    expect(ids({ provider: 'openai' })).toEqual([traceId(2), traceId(1)]);
    expect(ids({ status: 'error' })).toEqual([traceId(2)]);
    expect(ids({ status: 'ok' })).toEqual([traceId(3), traceId(1)]);
    expect(ids({ user: 'u-42' })).toEqual([traceId(2), traceId(1)]);
    expect(ids({ tag: 'beta' })).toEqual([traceId(2), traceId(1)]);
    expect(ids({ tag: 'gen_ai.request.model=gpt-4o' })).toEqual([traceId(1)]);
    expect(ids({ startMs: T0 + 500, endMs: T0 + 1500 })).toEqual([traceId(2)]);
    expect(ids({ text: 'plai' })).toEqual([traceId(3)]);
    expect(ids({ text: '100%_' })).toEqual([]);
    expect(listFacets(store)).toEqual({ services: ['a', 'b'], models: ['claude-3', 'gpt-4o'], providers: ['openai'] });
    expect(searchTraceIds(store, { service: 'b', tags: { error: 'true' }, limit: 10 })).toEqual([traceId(2)]);
    expect(searchTraceIds(store, { service: 'a', tags: {}, minDurationNs: ns(40), limit: 10 })).toEqual([traceId(1)]);
  });

  it('drops the traces that started first when the trace count passes its bound', async () => {
    const store = await open({ memory: true, limits: { maxTraces: 5 } });
    for (let n = 1; n <= 8; n++) store.ingestSpans(llmTrace(n, T0 + n * 1000));
    expect(store.stats().traces).toBe(5);
    expect(listTraces(store, {}).map((t) => t.traceId)).toEqual([8, 7, 6, 5, 4].map(traceId));
    expect(store.getTraceSpans(traceId(1))).toEqual([]);
    // Tags of dropped traces go too, so filters cannot find them.
    expect(listTraces(store, { user: 'u-42' })).toHaveLength(5);
  });

  it('drops the oldest traces when stored bytes pass their bound', async () => {
    const store = await open({ memory: true, limits: { maxBytes: 20_000 } });
    const big = (n: number) => [span({ traceId: traceId(n), name: `big-${n}`, startMs: T0 + n, attributes: { blob: 'x'.repeat(3000) } })];
    for (let n = 1; n <= 20; n++) store.ingestSpans(big(n));
    const { bytes, traces } = store.stats();
    expect(bytes).toBeLessThanOrEqual(20_000);
    expect(traces).toBeGreaterThanOrEqual(4);
    expect(traces).toBeLessThan(20);
    const kept = listTraces(store, {}).map((t) => t.traceId);
    expect(kept[0]).toBe(traceId(20));
    expect(kept).not.toContain(traceId(1));
  });

  it('drops traces older than the age bound', async () => {
    let now = T0 + 10_000;
    const store = await open({ memory: true, limits: { maxAgeMs: 5000 }, now: () => now });
    store.ingestSpans(llmTrace(1, T0));
    store.ingestSpans(llmTrace(2, T0 + 8000));
    expect(listTraces(store, {}).map((t) => t.traceId)).toEqual([traceId(2)]);
    now += 5000;
    store.ingestSpans(llmTrace(3, now - 100));
    expect(listTraces(store, {}).map((t) => t.traceId)).toEqual([traceId(3)]);
  });

  it('keeps traces in its file across a restart, counters and bounds included', async () => {
    const file = tempDb();
    const first = await open({ path: file, limits: { maxTraces: 3 } });
    for (let n = 1; n <= 3; n++) first.ingestSpans(llmTrace(n, T0 + n * 1000));
    const before = first.stats();
    first.close();

    const second = await open({ path: file, limits: { maxTraces: 3 } });
    expect(second.stats()).toMatchObject({ traces: 3, spans: 6, bytes: before.bytes, location: file });
    expect(second.getTraceSpans(traceId(2)).map((s) => s.name)).toEqual(['root-2', 'chat gpt-4o-mini']);
    second.ingestSpans(llmTrace(4, T0 + 4000));
    expect(listTraces(second, {}).map((t) => t.traceId)).toEqual([4, 3, 2].map(traceId));
    second.close();

    // A smaller bound on restart applies at once.
    const third = await open({ path: file, limits: { maxTraces: 1 } });
    expect(listTraces(third, {}).map((t) => t.traceId)).toEqual([traceId(4)]);
  });

  it('names the file when it cannot open it', async () => {
    const file = tempDb();
    const first = await open({ path: file });
    first.close();
    // A directory where the file should be: SQLite cannot open it.
    await expect(TraceStore.open({ path: path.dirname(file) })).rejects.toThrow(`cannot open the trace store ${path.dirname(file)}: `);
  });
});
