import { describe, expect, it } from 'vitest';
import { RequestMatchCache } from '../../../src/capture/request-match-cache.js';
import { ProviderRegistry } from '../../../src/providers/registry.js';
import type { HttpRequestInfo } from '../../../src/providers/types.js';

/** A registry that counts how often it is asked. */
function countingRegistry(): { registry: ProviderRegistry; asked: () => number } {
  const registry = new ProviderRegistry();
  let asked = 0;
  const match = registry.match.bind(registry);
  registry.match = (request: HttpRequestInfo) => {
    asked += 1;
    return match(request);
  };
  return { registry, asked: () => asked };
}

describe('RequestMatchCache', () => {
  it('asks the registry once per method and URL, and answers the same after', () => {
    const { registry, asked } = countingRegistry();
    const cache = new RequestMatchCache(registry);
    const first = cache.lookup('POST', 'https://api.openai.com/v1/chat/completions');
    const again = cache.lookup('POST', 'https://api.openai.com/v1/chat/completions');
    expect(again).toBe(first);
    expect(asked()).toBe(1);
    expect(first.url.href).toBe('https://api.openai.com/v1/chat/completions');
    expect({ provider: first.match?.provider, operation: first.match?.operation }).toEqual({ provider: 'openai', operation: 'chat' });
  });

  it('keeps non-LLM answers too, and tells methods apart', () => {
    const { registry, asked } = countingRegistry();
    const cache = new RequestMatchCache(registry);
    expect(cache.lookup('GET', 'https://api.openai.com/v1/chat/completions').match).toBeUndefined();
    expect(cache.lookup('GET', 'https://api.openai.com/v1/chat/completions').match).toBeUndefined();
    expect(cache.lookup('POST', 'https://api.openai.com/v1/chat/completions').match?.operation).toBe('chat');
    expect(asked()).toBe(2);
  });

  it('starts over after 256 distinct URLs instead of growing', () => {
    const { registry, asked } = countingRegistry();
    const cache = new RequestMatchCache(registry);
    for (let i = 0; i < 256; i += 1) cache.lookup('POST', `https://api.openai.com/v1/chat/completions?nonce=${i}`);
    cache.lookup('POST', 'https://api.openai.com/v1/chat/completions?nonce=0');
    expect(asked()).toBe(256);
    cache.lookup('POST', 'https://api.openai.com/v1/chat/completions?nonce=256');
    cache.lookup('POST', 'https://api.openai.com/v1/chat/completions?nonce=0');
    expect(asked()).toBe(258);
  });

  it('throws for text that is not a URL, as new URL does, and remembers nothing', () => {
    const { registry, asked } = countingRegistry();
    const cache = new RequestMatchCache(registry);
    expect(() => cache.lookup('POST', 'not a url')).toThrow(TypeError);
    expect(asked()).toBe(0);
  });
});
