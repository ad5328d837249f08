import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { trace as otelTrace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { span } from '../../../src/api/span.js';
import { trace } from '../../../src/api/trace.js';
import { idOf, installInMemoryTracing, only, parentIdOf, type InMemoryTracing } from './in-memory-tracing.js';

let tracing: InMemoryTracing;

beforeAll(async () => {
  tracing = await installInMemoryTracing();
});

afterAll(async () => {
  await tracing.close();
});


describe('nesting rides on the OpenTelemetry context', () => {
  it('makes an LLM call inside a tool inside an agent a child of the tool, across awaits', async () => {
    const usage = await trace('request', async () =>
      span('planner', 'agent', async () => {
        await sleep(2);
        return span('lookup', 'tool', async () => {
          await Promise.resolve();
          return tracing.chat('what is the weather');
        });
      }),
    );
    const spans = tracing.spans();
    expect(spans.map((s) => s.name).sort()).toEqual(['chat gpt-4o-mini', 'execute_tool lookup', 'invoke_agent planner', 'request']);
    const root = only(spans, 'request');
    const agent = only(spans, 'invoke_agent planner');
    const tool = only(spans, 'execute_tool lookup');
    const llm = only(spans, 'chat gpt-4o-mini');
    expect(parentIdOf(root)).toBeUndefined();
    expect(parentIdOf(agent)).toBe(idOf(root));
    expect(parentIdOf(tool)).toBe(idOf(agent));
    expect(parentIdOf(llm)).toBe(idOf(tool));
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    expect(llm.attributes['gen_ai.usage.input_tokens']).toBe(usage.prompt_tokens);
    expect(llm.attributes['gen_ai.usage.output_tokens']).toBe(usage.completion_tokens);
  });

  it('keeps the parent in setTimeout, setImmediate, nextTick and queueMicrotask callbacks', async () => {
    await trace('timers', async () => {
      await span('outer', 'chain', async () => {
        await new Promise<void>((resolve) => setTimeout(() => span('in-timeout', 'function', () => resolve()), 3));
        await new Promise<void>((resolve) => setImmediate(() => span('in-immediate', 'function', () => resolve())));
        await new Promise<void>((resolve) => process.nextTick(() => span('in-next-tick', 'function', () => resolve())));
        await new Promise<void>((resolve) => queueMicrotask(() => span('in-microtask', 'function', () => resolve())));
      });
    });
    const spans = tracing.spans();
    const outer = only(spans, 'invoke_workflow outer');
    for (const name of ['in-timeout', 'in-immediate', 'in-next-tick', 'in-microtask']) {
      expect(parentIdOf(only(spans, name)), name).toBe(idOf(outer));
    }
  });

  it('keeps the parent while a stream is read, in data handlers and in for-await loops', async () => {
    await trace('streams', async () => {
      await span('reader', 'chain', async () => {
        const words = Readable.from(['a', 'b']);
        await new Promise<void>((resolve) => {
          words.on('data', (word: string) => span(`on-data-${word}`, 'function', () => {}));
          words.on('end', resolve);
        });
        async function* chunks() {
          yield 'x';
          await sleep(1);
          yield 'y';
        }
        for await (const chunk of chunks()) {
          await span(`chunk-${chunk}`, 'tool', async () => tracing.chat(`chunk ${chunk}`));
        }
      });
    });
    const spans = tracing.spans();
    const reader = only(spans, 'invoke_workflow reader');
    for (const name of ['on-data-a', 'on-data-b', 'execute_tool chunk-x', 'execute_tool chunk-y']) {
      expect(parentIdOf(only(spans, name)), name).toBe(idOf(reader));
    }
    const llmParents = spans.filter((s) => s.name === 'chat gpt-4o-mini').map(parentIdOf).sort();
    expect(llmParents).toEqual([idOf(only(spans, 'execute_tool chunk-x')), idOf(only(spans, 'execute_tool chunk-y'))].sort());
  });

  it('keeps the parent in an event listener fired later from inside the span', async () => {
    const events = new EventEmitter();
    await trace('events', async () => {
      await span('emitter', 'agent', async () => {
        const handled = new Promise<void>((resolve) => events.once('tick', () => span('on-tick', 'other', () => resolve())));
        setTimeout(() => events.emit('tick'), 2);
        await handled;
      });
    });
    const spans = tracing.spans();
    expect(parentIdOf(only(spans, 'on-tick'))).toBe(idOf(only(spans, 'invoke_agent emitter')));
  });

  it('nests to any depth, sync and async mixed', async () => {
    const depth = 25;
    const dive = (level: number): Promise<number> | number =>
      level === depth
        ? level
        : level % 2 === 0
          ? span(`level-${level}`, 'function', () => dive(level + 1))
          : span(`level-${level}`, 'function', async () => {
              await Promise.resolve();
              return dive(level + 1);
            });
    expect(await trace('deep', () => dive(0))).toBe(depth);
    const spans = tracing.spans();
    expect(spans).toHaveLength(depth + 1);
    let parent = only(spans, 'deep');
    for (let level = 0; level < depth; level += 1) {
      const child = only(spans, `level-${level}`);
      expect(parentIdOf(child), `level-${level}`).toBe(idOf(parent));
      parent = child;
    }
  });

  it('makes the trace root a child of a span that is already active', async () => {
    const tracer = otelTrace.getTracer('app');
    await tracer.startActiveSpan('GET /chat', async (server) => {
      await trace('handle', async () => span('answer', 'agent', () => {}));
      server.end();
    });
    const spans = tracing.spans();
    expect(parentIdOf(only(spans, 'handle'))).toBe(idOf(only(spans, 'GET /chat')));
  });
});

describe('100 interleaved traces', () => {
  it('each keeps its own tree, user and session', async () => {
    const count = 100;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        trace(`request-${i}`, { userId: `user-${i}`, sessionId: `session-${i}`, tags: [`t${i % 3}`] }, async () => {
          await sleep((i * 7) % 5);
          await span(`agent-${i}`, 'agent', async () => {
            await sleep((i * 3) % 4);
            await tracing.chat(`question ${i}`);
            await span(`tool-${i}`, 'tool', () => new Promise<void>((resolve) => setTimeout(resolve, (i * 5) % 3)));
          });
        }),
      ),
    );
    const spans = tracing.spans();
    expect(spans).toHaveLength(count * 4);
    const byTrace = new Map<string, typeof spans>();
    for (const s of spans) byTrace.set(s.spanContext().traceId, [...(byTrace.get(s.spanContext().traceId) ?? []), s]);
    expect(byTrace.size).toBe(count);
    const seen = new Set<number>();
    for (const tree of byTrace.values()) {
      const root = tree.find((s) => parentIdOf(s) === undefined)!;
      const i = Number(root.name.slice('request-'.length));
      seen.add(i);
      expect(tree.map((s) => s.name).sort(), root.name).toEqual(
        [`execute_tool tool-${i}`, `invoke_agent agent-${i}`, 'chat gpt-4o-mini', `request-${i}`].sort(),
      );
      const agent = only(tree, `invoke_agent agent-${i}`);
      expect(parentIdOf(agent)).toBe(idOf(root));
      expect(parentIdOf(only(tree, 'chat gpt-4o-mini'))).toBe(idOf(agent));
      expect(parentIdOf(only(tree, `execute_tool tool-${i}`))).toBe(idOf(agent));
      for (const s of tree) {
        expect(s.attributes['user.id'], s.name).toBe(`user-${i}`);
        expect(s.attributes['session.id'], s.name).toBe(`session-${i}`);
        expect(s.attributes['llm_otel.tags'], s.name).toEqual([`t${i % 3}`]);
      }
    }
    expect(seen.size).toBe(count);
  });
});
