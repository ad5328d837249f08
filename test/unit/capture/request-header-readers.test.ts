import http from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  clientRequestHeaderReader, fetchHeaderReader, http2HeaderReader, undiciHeaderReader,
} from '../../../src/capture/request-header-readers.js';

const URL_TEXT = 'http://127.0.0.1:9/v1/messages';

describe('fetchHeaderReader', () => {
  it.each([
    ['a Headers object', new Headers({ 'Anthropic-Version': '2023-06-01' })],
    ['a record with mixed-case names', { 'Anthropic-Version': '2023-06-01' }],
    ['header pairs', [['anthropic-version', '2023-06-01']]],
  ])('reads %s in init.headers', (_title, headers) => {
    expect(fetchHeaderReader(URL_TEXT, { headers: headers as RequestInit['headers'] })('anthropic-version')).toBe('2023-06-01');
  });

  it('reads a Request\'s headers when init has none', () => {
    const request = new Request(URL_TEXT, { headers: { 'anthropic-version': '2023-06-01' } });
    expect(fetchHeaderReader(request, undefined)('anthropic-version')).toBe('2023-06-01');
  });

  it('lets init.headers replace the Request\'s, as fetch does', () => {
    const request = new Request(URL_TEXT, { headers: { 'anthropic-version': '2023-06-01' } });
    expect(fetchHeaderReader(request, { headers: { accept: '*/*' } })('anthropic-version')).toBeUndefined();
  });

  it('joins repeated pairs', () => {
    expect(fetchHeaderReader(URL_TEXT, { headers: [['x-a', '1'], ['X-A', '2']] })('x-a')).toBe('1, 2');
  });

  it('finds nothing in a call without headers', () => {
    expect(fetchHeaderReader(URL_TEXT, undefined)('anthropic-version')).toBeUndefined();
  });
});

describe('undiciHeaderReader', () => {
  it('reads the flat name/value list', () => {
    expect(undiciHeaderReader(['Content-Type', 'application/json', 'User-Agent', 'ollama-js/0.6.4'])('user-agent')).toBe('ollama-js/0.6.4');
  });

  it('reads a raw header block', () => {
    expect(undiciHeaderReader('content-type: application/json\r\nAuthorization: AWS4-HMAC-SHA256 x\r\n')('authorization')).toBe(
      'AWS4-HMAC-SHA256 x',
    );
  });

  it('finds nothing without headers', () => {
    expect(undiciHeaderReader(undefined)('authorization')).toBeUndefined();
  });
});

describe('clientRequestHeaderReader', () => {
  it('reads what the options set, in any case', () => {
    const request = http.request(URL_TEXT, { method: 'POST', headers: { 'X-Fern-SDK-Name': 'cohere-ai' } });
    request.on('error', () => undefined);
    try {
      expect(clientRequestHeaderReader(request)('x-fern-sdk-name')).toBe('cohere-ai');
      expect(clientRequestHeaderReader(request)('authorization')).toBeUndefined();
    } finally {
      request.destroy();
    }
  });
});

describe('http2HeaderReader', () => {
  it('reads a header object and a flat list', () => {
    expect(http2HeaderReader({ ':path': '/model/m/converse', Authorization: 'AWS4-HMAC-SHA256 x' })('authorization')).toBe('AWS4-HMAC-SHA256 x');
    expect(http2HeaderReader([':path', '/x', 'authorization', 'AWS4-HMAC-SHA256 y'])('authorization')).toBe('AWS4-HMAC-SHA256 y');
  });
});
