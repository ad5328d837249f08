import { describe, expect, it } from 'vitest';
import { MAX_SPAN_TEXT_CHARS, redactedUrlFull, redactSpanText } from '../../../src/spans/redact-span-text.js';

describe('redactSpanText', () => {
  it.each([
    ['userinfo and credential query values, the url.full convention way', 'bad: https://u:p@h.example/v1/x?api-version=1&api-key=K1&sig=S&X-Goog-Signature=G.', 'bad: https://REDACTED:REDACTED@h.example/v1/x?api-version=1&api-key=REDACTED&sig=REDACTED&X-Goog-Signature=REDACTED.'],
    ['Gemini ?key=', 'GET https://generativelanguage.googleapis.com/v1beta/models?key=abc failed', 'GET https://generativelanguage.googleapis.com/v1beta/models?key=REDACTED failed'],
    ['a quoted invalid header value', 'Headers.append: "x y\nz" is an invalid header value.', 'Headers.append: "REDACTED" is an invalid header value.'],
    ['a bearer token', 'sent Authorization Bearer abc.def-ghi', 'sent Authorization REDACTED'],
    ['name: value pairs', 'x-api-key: plainvalue, api_key=other; password="p w"', 'x-api-key: REDACTED, api_key=REDACTED; password="REDACTED"'],
    ['OpenAI and Anthropic keys, masked echoes too', 'keys sk-proj-abcdefgh12 sk-ant-api03-xyz12345 sk-abc1****wxyz', 'keys REDACTED REDACTED REDACTED'],
    ['Google, AWS, Groq, Hugging Face keys', 'AIzaSyA1234567890abcdefghij AKIAIOSFODNN7EXAMPLE gsk_abcdefghijklmnop1234 hf_abcdefghijklmnopqrst12', 'REDACTED REDACTED REDACTED REDACTED'],
    ['a JWT', 'token eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2Q', 'token REDACTED'],
    ['a long mixed run such as an Azure key', 'subscription 0123456789abcdef0123456789abcdef denied', 'subscription REDACTED denied'],
    ['ordinary error text is kept', 'connect ECONNREFUSED 127.0.0.1:443; model gpt-4o-mini not found', 'connect ECONNREFUSED 127.0.0.1:443; model gpt-4o-mini not found'],
  ])('%s', (_name, text, redacted) => {
    expect(redactSpanText(text)).toBe(redacted);
  });

  it('caps the length after redacting', () => {
    const text = `sk-${'a1'.repeat(10)} ${'x'.repeat(5000)}`;
    const redacted = redactSpanText(text);
    expect(redacted.startsWith('REDACTED xxx')).toBe(true);
    expect(redacted.length).toBe(MAX_SPAN_TEXT_CHARS + 1);
  });
});

describe('redactedUrlFull', () => {
  it('redacts userinfo, drops the query, redacts key-shaped path segments', () => {
    expect(redactedUrlFull(new URL('https://me:pw@api.example.com:8443/files/sk-abcdefgh1234/content?key=K#f'))).toBe(
      'https://REDACTED:REDACTED@api.example.com:8443/files/REDACTED/content',
    );
  });
});
