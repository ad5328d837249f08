import { trace as otelTrace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { span } from '../../../src/api/span.js';
import { trace } from '../../../src/api/trace.js';
import { installInMemoryTracing, only, type InMemoryTracing } from './in-memory-tracing.js';

let tracing: InMemoryTracing;

beforeAll(async () => {
  tracing = await installInMemoryTracing();
});

afterAll(async () => {
  await tracing.close();
});


describe('user, session and tags reach every span of the trace', () => {
  it('puts them on manual spans, automatic LLM spans and spans of other tracers', async () => {
    await trace('checkout', { userId: 'u-42', sessionId: 'sess-7', tags: ['beta', 'eu'] }, async () => {
      await span('assistant', 'agent', async () => {
        await tracing.chat('hello');
        otelTrace.getTracer('db').startSpan('SELECT orders').end();
      });
    });
    const spans = tracing.spans();
    expect(spans.map((s) => s.name).sort()).toEqual(['SELECT orders', 'chat gpt-4o-mini', 'checkout', 'invoke_agent assistant']);
    for (const s of spans) {
      expect({ user: s.attributes['user.id'], session: s.attributes['session.id'], tags: s.attributes['llm_otel.tags'] }, s.name).toEqual({
        user: 'u-42',
        session: 'sess-7',
        tags: ['beta', 'eu'],
      });
    }
  });

  it('puts nothing on spans outside any trace', async () => {
    await span('standalone', 'tool', () => tracing.chat('outside'));
    for (const s of tracing.spans()) {
      expect(s.attributes['user.id'], s.name).toBeUndefined();
      expect(s.attributes['session.id'], s.name).toBeUndefined();
      expect(s.attributes['llm_otel.tags'], s.name).toBeUndefined();
    }
    expect(tracing.spans()).toHaveLength(2);
  });

  it('lets a nested trace keep the outer user, replace the session and add tags', async () => {
    await trace('outer', { userId: 'alice', sessionId: 'one', tags: ['web'] }, async () => {
      await trace('inner', { sessionId: 'two', tags: ['retry', 'web'] }, () => span('step', 'function', () => {}));
    });
    const spans = tracing.spans();
    expect(only(spans, 'outer').attributes).toMatchObject({ 'user.id': 'alice', 'session.id': 'one', 'llm_otel.tags': ['web'] });
    for (const name of ['inner', 'step']) {
      expect(only(spans, name).attributes, name).toMatchObject({
        'user.id': 'alice',
        'session.id': 'two',
        'llm_otel.tags': ['web', 'retry'],
      });
    }
  });

  it('puts metadata on the root span only, scalars as they are and objects as JSON', async () => {
    await trace(
      'job',
      { metadata: { plan: 'pro', attempt: 2, flags: ['a', 'b'], limits: { rpm: 10 }, skipped: null } },
      () => span('work', 'function', () => {}),
    );
    const root = only(tracing.spans(), 'job');
    expect(root.attributes).toEqual({
      'llm_otel.span.kind': 'trace',
      'llm_otel.metadata.plan': 'pro',
      'llm_otel.metadata.attempt': 2,
      'llm_otel.metadata.flags': ['a', 'b'],
      'llm_otel.metadata.limits': '{"rpm":10}',
    });
    expect(Object.keys(only(tracing.spans(), 'work').attributes).filter((k) => k.startsWith('llm_otel.metadata.'))).toEqual([]);
  });
});
