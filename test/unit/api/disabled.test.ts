import { context, trace as otelTrace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { configureManualApi } from '../../../src/api/manual-api-settings.js';
import { span } from '../../../src/api/span.js';
import { trace } from '../../../src/api/trace.js';

/** A provider that counts every span object asked of it. */
let startedSpans = 0;
const countingProvider: TracerProvider = {
  getTracer(): Tracer {
    const real = new (class {})() as Tracer;
    return Object.assign(real, {
      startSpan: () => {
        startedSpans += 1;
        return otelTrace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 });
      },
      startActiveSpan: () => {
        throw new Error('not used');
      },
    });
  },
};

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  otelTrace.setGlobalTracerProvider(countingProvider);
});

afterAll(() => {
  otelTrace.disable();
  context.disable();
});

afterEach(() => {
  configureManualApi({ enabled: true, captureContent: false, maxContentBytes: 16384 });
  vi.unstubAllEnvs();
});

describe('with tracing off, trace and span only call fn', () => {
  it('creates no span object and leaves the context alone', async () => {
    configureManualApi({ enabled: false, captureContent: true, maxContentBytes: 16384 });
    const before = context.active();
    let calls = 0;
    const result = await trace('job', { userId: 'u', tags: ['x'] }, async (root) => {
      calls += 1;
      expect(context.active()).toBe(before);
      root.setUsage({ inputTokens: 1 });
      root.setCost(1);
      root.setOutput('x');
      root.setError(new Error('ignored'));
      return span('step', 'tool', { input: 'a' }, (handle) => {
        calls += 1;
        expect(handle.span.isRecording()).toBe(false);
        return 'value';
      });
    });
    expect(result).toBe('value');
    expect(calls).toBe(2);
    expect(startedSpans).toBe(0);
  });

  it('still rethrows what fn throws, unchanged', () => {
    configureManualApi({ enabled: false, captureContent: false, maxContentBytes: 16384 });
    const error = new Error('app failure');
    expect(() =>
      span('boom', 'function', () => {
        throw error;
      }),
    ).toThrow(error);
    expect(startedSpans).toBe(0);
  });

  it('starts spans again once enabled (the counting provider sees them)', () => {
    configureManualApi({ enabled: true, captureContent: false, maxContentBytes: 16384 });
    span('on', 'function', () => {});
    expect(startedSpans).toBe(1);
    startedSpans = 0;
  });
});

describe('without register, the environment decides', () => {
  async function freshSettings() {
    vi.resetModules();
    const module = await import('../../../src/api/manual-api-settings.js');
    return module.manualApiSettings();
  }

  it.each([
    [{ TRACING_ENABLED: 'false' }, false],
    [{ TRACING_ENABLED: 'FALSE' }, false],
    [{ OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_SDK_DISABLED: 'true', TRACING_ENABLED: 'true' }, false],
    [{ TRACING_ENABLED: 'true' }, true],
    [{}, true],
  ] as const)('%o -> enabled %s', async (env, enabled) => {
    vi.stubEnv('TRACING_ENABLED', undefined as unknown as string);
    vi.stubEnv('OTEL_SDK_DISABLED', undefined as unknown as string);
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    expect((await freshSettings()).enabled).toBe(enabled);
  });

  it('reads content capture from OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT', async () => {
    vi.stubEnv('OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT', 'true');
    expect(await freshSettings()).toEqual({ enabled: true, captureContent: true, maxContentBytes: 16384 });
  });
});
