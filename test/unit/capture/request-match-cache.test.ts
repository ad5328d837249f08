import { describe, expect, it } from 'vitest';
import { matchOf, RequestMatchCache } from '../../../src/capture/request-match-cache.js';
import { ProviderRegistry } from '../../../src/providers/registry.js';

/** A registry that counts how often it is asked. */
function countingRegistry(): { registry: ProviderRegistry; asked: () => number } {
  const registry = new ProviderRegistry();
  let asked = 0;
  const recognise = registry.recognise.bind(registry);
  registry.recognise = (method: string, url: URL) => {
    asked += 1;
    return recognise(method, url);
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

  it('remembers a wire-signature candidate by its URL and confirms it per call, from that call\'s headers', () => {
    const { registry, asked } = countingRegistry();
    const cache = new RequestMatchCache(registry);
    const url = 'http://127.0.0.1:4000/anthropic/v1/messages';
    const found = cache.lookup('POST', url);
    expect(found.match).toBeUndefined();
    let readers = 0;
    const reader = (headers: Record<string, string>) => () => {
      readers += 1;
      return (name: string) => headers[name];
    };
    expect(matchOf(cache.lookup('POST', url), reader({ 'anthropic-version': '2023-06-01' }))?.provider).toBe('anthropic');
    expect(matchOf(cache.lookup('POST', url), reader({}))).toBeUndefined();
    expect(asked()).toBe(1);
    expect(readers).toBe(2);
  });

  it('builds no header reader for a URL that decides alone', () => {
    let readers = 0;
    const cache = new RequestMatchCache(new ProviderRegistry());
    const header = () => {
      readers += 1;
      return () => undefined;
    };
    expect(matchOf(cache.lookup('POST', 'https://api.openai.com/v1/chat/completions'), header)?.provider).toBe('openai');
    expect(matchOf(cache.lookup('POST', 'http://127.0.0.1:3000/users'), header)).toBeUndefined();
    expect(readers).toBe(0);
  });

  it('throws for text that is not a URL, as new URL does, and remembers nothing', () => {
    const { registry, asked } = countingRegistry();
    const cache = new RequestMatchCache(registry);
    expect(() => cache.lookup('POST', 'not a url')).toThrow(TypeError);
    expect(asked()).toBe(0);
  });
});
