import { describe, expect, it } from 'vitest';
import { ANTHROPIC_SDK_TRACING_ENV, deferAnthropicSdkSpans } from '../../../src/sdk/defer-anthropic-sdk-spans.js';

describe('deferAnthropicSdkSpans', () => {
  it('turns the SDK spans off through its documented variable when the user has not chosen', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(deferAnthropicSdkSpans(env)).toBe(true);
    expect(env).toEqual({ [ANTHROPIC_SDK_TRACING_ENV]: 'false' });
    expect(ANTHROPIC_SDK_TRACING_ENV).toBe('ANTHROPIC_OPEN_TELEMETRY');
  });

  it('keeps a value the user set, whatever it is', () => {
    for (const value of ['true', 'false', '']) {
      const env: NodeJS.ProcessEnv = { [ANTHROPIC_SDK_TRACING_ENV]: value };
      expect(deferAnthropicSdkSpans(env)).toBe(false);
      expect(env[ANTHROPIC_SDK_TRACING_ENV]).toBe(value);
    }
  });
});
