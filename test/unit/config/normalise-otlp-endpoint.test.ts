import { describe, expect, it } from 'vitest';

import { normaliseOtlpEndpoint } from '../../../src/config/normalise-otlp-endpoint.js';

describe('normaliseOtlpEndpoint', () => {
  it.each([
    ['localhost:4317', true, { url: 'http://localhost:4317', insecure: true, schemeGiven: false }],
    ['localhost:4317', false, { url: 'https://localhost:4317', insecure: false, schemeGiven: false }],
    ['http://localhost:4317', false, { url: 'http://localhost:4317', insecure: true, schemeGiven: true }],
    ['https://collector:4317', true, { url: 'https://collector:4317', insecure: false, schemeGiven: true }],
    // URL would drop these default ports; the exporter needs them spelled out.
    ['http://collector:80', true, { url: 'http://collector:80', insecure: true, schemeGiven: true }],
    ['https://collector:443', true, { url: 'https://collector:443', insecure: false, schemeGiven: true }],
    ['  HTTP://Collector.Example.com:4317/  ', true, { url: 'http://collector.example.com:4317', insecure: true, schemeGiven: true }],
    ['[::1]:4317', true, { url: 'http://[::1]:4317', insecure: true, schemeGiven: false }],
    ['10.0.0.7:65535', true, { url: 'http://10.0.0.7:65535', insecure: true, schemeGiven: false }],
  ])('%j (insecure without scheme: %j)', (raw, insecure, expected) => {
    expect(normaliseOtlpEndpoint(raw, insecure)).toEqual(expected);
  });

  it.each([
    '',
    'localhost',
    'http://localhost',
    ':4317',
    'collector:0',
    'collector:65536',
    'collector:port',
    'grpc://collector:4317',
    'dns:///collector:4317',
    'http://collector:4317/v1/traces',
    'http://collector:4317?x=1',
    'user@collector:4317',
    'two words:4317',
    '::1:4317',
  ])('rejects %j', (raw) => {
    expect(normaliseOtlpEndpoint(raw, true)).toBeUndefined();
  });
});
