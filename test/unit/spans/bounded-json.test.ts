import { describe, expect, it } from 'vitest';
import { boundedJson } from '../../../src/spans/bounded-json.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('boundedJson', () => {
  it('returns the plain JSON when it fits', () => {
    const value = [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }];
    expect(boundedJson(value, 1000)).toBe(JSON.stringify(value));
  });

  it('cuts long strings, marks them, and stays valid JSON within the budget', () => {
    const value = [{ role: 'user', parts: [{ type: 'text', content: 'a'.repeat(10_000) }] }];
    const text = boundedJson(value, 200);
    expect(bytes(text)).toBeLessThanOrEqual(200);
    const parsed = JSON.parse(text) as typeof value;
    expect(parsed[0]!.role).toBe('user');
    expect(parsed[0]!.parts[0]!.content).toMatch(/^a+…\[truncated\]$/);
  });

  it('counts bytes, not characters, for multi-byte text', () => {
    const text = boundedJson(['é'.repeat(1000)], 101);
    expect(bytes(text)).toBeLessThanOrEqual(101);
    expect(JSON.parse(text)[0]).toMatch(/^é+…\[truncated\]$/);
  });

  it('drops the oldest messages when the structure alone does not fit', () => {
    const value = Array.from({ length: 50 }, (_, i) => ({ role: 'user', parts: [{ type: 'text', content: `m${i}` }] }));
    const text = boundedJson(value, 120);
    expect(bytes(text)).toBeLessThanOrEqual(120);
    const kept = JSON.parse(text) as typeof value;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.at(-1)!.parts[0]!.content).toBe('m49');
  });

  it('falls back to an empty array when nothing fits', () => {
    expect(boundedJson([{ role: 'user' }], 5)).toBe('[]');
  });
});
