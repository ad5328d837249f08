import { context, trace as otelTrace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { span } from '../../../src/api/span.js';
import { trace } from '../../../src/api/trace.js';

/** A tracer whose every span start fails, as a broken SDK or processor would. */
const brokenProvider: TracerProvider = {
  getTracer(): Tracer {
    return {
      startSpan: () => {
        throw new Error('tracer is broken');
      },
      startActiveSpan: () => {
        throw new Error('tracer is broken');
      },
    } as unknown as Tracer;
  },
};

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  otelTrace.setGlobalTracerProvider(brokenProvider);
});

afterAll(() => {
  otelTrace.disable();
  context.disable();
});

describe('a failure of ours never reaches the app', () => {
  it('runs fn once, untraced, when the span cannot be started', async () => {
    let calls = 0;
    const value = await trace('job', { userId: 'u' }, async (handle) => {
      calls += 1;
      handle.setUsage({ inputTokens: 3 });
      handle.setOutput('x');
      return span('step', 'agent', () => {
        calls += 1;
        return 42;
      });
    });
    expect(value).toBe(42);
    expect(calls).toBe(2);
  });

  it('still rethrows the app error unchanged', async () => {
    const error = new Error('from the app');
    await expect(
      span('step', 'tool', async () => {
        throw error;
      }),
    ).rejects.toBe(error);
  });
});
