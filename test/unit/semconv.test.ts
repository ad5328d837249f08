import { describe, expect, it } from 'vitest';
import * as incubating from '@opentelemetry/semantic-conventions/incubating';
import * as local from '../../src/semconv.js';

// src/semconv.ts copies incubating keys; this catches a rename in the package we track.
describe('src/semconv.ts mirrors @opentelemetry/semantic-conventions/incubating', () => {
  const entries = Object.entries(local);

  it('copies at least the core GenAI keys', () => {
    expect(entries.length).toBeGreaterThan(40);
  });

  it.each(entries)('%s equals the package value', (name, value) => {
    expect((incubating as Record<string, unknown>)[name]).toBe(value);
  });
});
