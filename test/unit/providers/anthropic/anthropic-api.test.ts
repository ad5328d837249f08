import { describe, expect, it } from 'vitest';
import { anthropicApi } from '../../../../src/providers/anthropic/anthropic-api.js';
import { ProviderRegistry } from '../../../../src/providers/registry.js';
import type { HttpRequestInfo } from '../../../../src/providers/types.js';

function request(url: string, method = 'POST'): HttpRequestInfo {
  return { method, url: new URL(url) };
}

function accumulate(body: string, contentType: string): unknown {
  const match = anthropicApi.match(request('https://api.anthropic.com/v1/messages'))!;
  const facts = match.parseRequest({ model: 'claude-x', max_tokens: 5 }, false);
  const accumulator = match.createAccumulator({ status: 400, headers: { 'content-type': contentType } }, facts, false);
  accumulator.push(Buffer.from(body));
  return accumulator.finish();
}

describe('anthropicApi.match', () => {
  it('recognises Messages and legacy Text Completions on api.anthropic.com', () => {
    expect(anthropicApi.match(request('https://api.anthropic.com/v1/messages'))).toMatchObject({ provider: 'anthropic', operation: 'chat' });
    expect(anthropicApi.match(request('https://api.anthropic.com/v1/messages?beta=true'))).toMatchObject({ operation: 'chat' });
    expect(anthropicApi.match(request('https://api.anthropic.com/v1/complete'))).toMatchObject({ operation: 'text_completion' });
  });

  it('leaves token counting, batches, other methods and other hosts alone', () => {
    expect(anthropicApi.match(request('https://api.anthropic.com/v1/messages/count_tokens'))).toBeUndefined();
    expect(anthropicApi.match(request('https://api.anthropic.com/v1/messages/batches'))).toBeUndefined();
    expect(anthropicApi.match(request('https://api.anthropic.com/v1/messages', 'GET'))).toBeUndefined();
    expect(anthropicApi.match(request('https://example.com/v1/messages'))).toBeUndefined();
  });

  it('matches any host by path when the config maps it, under the mapped provider', () => {
    expect(anthropicApi.match(request('http://127.0.0.1:4000/anthropic/v1/messages'), 'my-gateway')).toMatchObject({
      provider: 'my-gateway',
      operation: 'chat',
    });
  });

  it('is found by the default registry before the OpenAI-compatible fallback', () => {
    expect(new ProviderRegistry().match(request('https://api.anthropic.com/v1/messages'))?.api).toBe(anthropicApi);
    const mapped = new ProviderRegistry([{ host: 'localhost:9000', provider: 'anthropic', api: 'anthropic' }]);
    expect(mapped.match(request('http://localhost:9000/v1/messages'))?.api).toBe(anthropicApi);
  });
});

describe('Anthropic error bodies', () => {
  it('reads the error type and message', () => {
    const body = '{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}';
    expect(accumulate(body, 'application/json')).toEqual({ errorType: 'invalid_request_error', errorMessage: 'max_tokens: Field required' });
  });

  it('returns no facts for a body that is not JSON', () => {
    expect(accumulate('<html>Bad gateway</html>', 'text/html')).toEqual({});
    expect(accumulate('{"type":"message","id":', 'application/json')).toEqual({});
  });
});
