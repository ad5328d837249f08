import { describe, expect, it } from 'vitest';
import { tracingOffInEnvironment } from '../../../src/config/tracing-off-in-env.js';

describe('tracingOffInEnvironment: the check register makes before importing anything', () => {
  it.each([
    [{ OTEL_SDK_DISABLED: 'true' }, true],
    [{ OTEL_SDK_DISABLED: ' TRUE ' }, true],
    [{ TRACING_ENABLED: 'false' }, true],
    [{ OTEL_SDK_DISABLED: 'false', TRACING_ENABLED: 'false' }, true],
    [{}, false],
    [{ OTEL_SDK_DISABLED: 'false' }, false],
    [{ TRACING_ENABLED: 'true' }, false],
    // Not a boolean: the full configuration load runs and refuses it, naming the variable.
    [{ TRACING_ENABLED: 'yes' }, false],
    [{ OTEL_SDK_DISABLED: 'true', TRACING_ENABLED: 'yes' }, false],
    [{ OTEL_SDK_DISABLED: '1' }, false],
  ])('%j -> %s', (env, off) => {
    expect(tracingOffInEnvironment(env)).toBe(off);
  });
});
