import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { loadTracingConfig } from '../../../src/config/index.js';
import type { TracingConfig } from '../../../src/config/index.js';
import { makeTempDir, removeTempDirs, writeFile } from './temp-config-dir.js';

afterEach(removeTempDirs);

const DEFAULTS: Omit<TracingConfig, 'source'> = {
  enabled: true,
  exporter: { type: 'otlp', protocol: 'grpc', endpoint: 'http://localhost:4317', insecure: true, timeoutMs: 10_000, headers: {} },
  sampling: { type: 'always_on', rate: 1 },
  resource: { serviceName: 'unknown_service:node' },
  captureContent: false,
  maxContentBytes: 16_384,
  traceNonLlmRequests: false,
  providers: [],
  metrics: { enabled: true, intervalMs: 60_000, exporter: 'otlp', protocol: 'grpc', endpoint: 'http://localhost:4317', temporality: 'cumulative' },
  batch: { scheduledDelayMs: 1000 },
  propagators: ['tracecontext', 'baggage'],
  resourceDetectors: ['host', 'os', 'process', 'serviceinstance', 'env'],
  exitBudgetMs: 2000,
};

const FULL_FILE = `
observability:
  tracing:
    enabled: true
    provider: opentelemetry
    exporter: { type: otlp, endpoint: "collector.internal:4317", insecure: true, timeout_ms: 5000 }
    sampling: { type: probabilistic, rate: 0.1 }
    resource: { service_name: my-app, service_version: "1.2.0", deployment_environment: prod }
    capture_content: true
    max_content_bytes: 4096
    trace_non_llm_requests: true
    providers:
      - { host: LLM.internal.example.com, provider: openai, api: openai }
      - { host: "*.claude.example.com:8443", provider: anthropic, api: anthropic }
    metrics: { enabled: false, interval_ms: 15000 }
`;

const FULL_CONFIG: Omit<TracingConfig, 'source'> = {
  enabled: true,
  exporter: { type: 'otlp', protocol: 'grpc', endpoint: 'http://collector.internal:4317', insecure: true, timeoutMs: 5000, headers: {} },
  sampling: { type: 'probabilistic', rate: 0.1 },
  resource: { serviceName: 'my-app', serviceVersion: '1.2.0', deploymentEnvironment: 'prod' },
  captureContent: true,
  maxContentBytes: 4096,
  traceNonLlmRequests: true,
  providers: [
    { host: 'llm.internal.example.com', provider: 'openai', api: 'openai' },
    { host: '*.claude.example.com:8443', provider: 'anthropic', api: 'anthropic' },
  ],
  metrics: { enabled: false, intervalMs: 15_000, exporter: 'otlp', protocol: 'grpc', endpoint: 'http://collector.internal:4317', temporality: 'cumulative' },
  batch: { scheduledDelayMs: 1000 },
  propagators: ['tracecontext', 'baggage'],
  resourceDetectors: ['host', 'os', 'process', 'serviceinstance', 'env'],
  exitBudgetMs: 2000,
};

describe('loadTracingConfig: files', () => {
  it('returns the defaults when there is no file', () => {
    const cwd = makeTempDir();
    expect(loadTracingConfig({ env: {}, cwd })).toEqual({ source: 'defaults', ...DEFAULTS });
  });

  it('reads every key of <cwd>/llm-otel.yaml', () => {
    const cwd = makeTempDir();
    const path = writeFile(cwd, 'llm-otel.yaml', FULL_FILE);
    expect(loadTracingConfig({ env: {}, cwd })).toEqual({ source: path, ...FULL_CONFIG });
  });

  it('prefers $LLM_OTEL_CONFIG over <cwd>/llm-otel.yaml and resolves it against cwd', () => {
    const cwd = makeTempDir();
    writeFile(cwd, 'llm-otel.yaml', 'observability: { tracing: { capture_content: false } }\n');
    mkdirSync(join(cwd, 'conf'));
    const path = writeFile(join(cwd, 'conf'), 'tracing.yaml', FULL_FILE);
    expect(loadTracingConfig({ env: { LLM_OTEL_CONFIG: 'conf/tracing.yaml' }, cwd })).toEqual({
      source: path,
      ...FULL_CONFIG,
    });
  });

  it.each([
    ['an empty file', ''],
    ['a file without observability', 'router:\n  port: 8801\n'],
    ['observability without tracing', 'observability:\n  metrics: { enabled: true }\n'],
    ['an empty tracing block', 'observability:\n  tracing:\n'],
    ['empty nested blocks', 'observability:\n  tracing:\n    exporter:\n    sampling:\n    providers:\n'],
  ])('uses the defaults for %s, with the file as source', (_name, text) => {
    const cwd = makeTempDir();
    const path = writeFile(cwd, 'llm-otel.yaml', text);
    expect(loadTracingConfig({ env: {}, cwd })).toEqual({ source: path, ...DEFAULTS });
  });

  it('ignores everything outside observability.tracing, unknown keys included', () => {
    const cwd = makeTempDir();
    const path = writeFile(
      cwd,
      'router.yaml',
      `
# A router's own configuration file with our block inside.
bert_model: { model_id: sentence-transformers/all-MiniLM-L12-v2, threshold: 0.6 }
vllm_endpoints:
  - { name: endpoint1, address: 127.0.0.1, port: 8000, weight: 1 }
default_model: qwen3
anything: [1, "two", { three: 3 }]
observability:
  metrics: { enabled: true, colour: blue }
  logging: verbose
  tracing:
    enabled: true
    provider: opentelemetry
    exporter: { type: otlp, endpoint: "jaeger:4317", insecure: true }
    sampling: { type: always_on, rate: 1.0 }
    resource: { service_name: vllm-semantic-router, service_version: v0.1.0, deployment_environment: development }
`,
    );
    expect(loadTracingConfig({ env: { LLM_OTEL_CONFIG: path }, cwd })).toEqual({
      ...DEFAULTS,
      source: path,
      exporter: { ...DEFAULTS.exporter, endpoint: 'http://jaeger:4317' },
      metrics: { ...DEFAULTS.metrics, endpoint: 'http://jaeger:4317' },
      resource: {
        serviceName: 'vllm-semantic-router',
        serviceVersion: 'v0.1.0',
        deploymentEnvironment: 'development',
      },
    });
  });

  it('returns a deeply frozen result', () => {
    const cwd = makeTempDir();
    writeFile(cwd, 'llm-otel.yaml', FULL_FILE);
    const config = loadTracingConfig({ env: {}, cwd });
    for (const part of [config, config.exporter, config.sampling, config.resource, config.metrics]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(Object.isFrozen(config.providers)).toBe(true);
    expect(Object.isFrozen(config.providers[0])).toBe(true);
    expect(() => {
      (config.sampling as { rate: number }).rate = 0.5;
    }).toThrow(TypeError);
    expect(() => {
      (config.providers as unknown[]).push({});
    }).toThrow(TypeError);
  });
});

describe('loadTracingConfig: exporter endpoint', () => {
  it.each([
    ['localhost:4317', undefined, 'http://localhost:4317', true],
    ['http://localhost:4317', undefined, 'http://localhost:4317', true],
    ['collector:4317', true, 'http://collector:4317', true],
    ['collector:4317', false, 'https://collector:4317', false],
    ['https://collector:4317', undefined, 'https://collector:4317', false],
    ['https://collector:4317', false, 'https://collector:4317', false],
    ['http://collector:4317', true, 'http://collector:4317', true],
    ['HTTP://Collector.Example.com:443/', undefined, 'http://collector.example.com:443', true],
    ['[::1]:4317', undefined, 'http://[::1]:4317', true],
  ])('endpoint %j with insecure %j becomes %s', (endpoint, insecure, url, insecureResult) => {
    const cwd = makeTempDir();
    const exporter = JSON.stringify({ endpoint, ...(insecure !== undefined && { insecure }) });
    writeFile(cwd, 'llm-otel.yaml', `observability:\n  tracing:\n    exporter: ${exporter}\n`);
    expect(loadTracingConfig({ env: {}, cwd }).exporter).toEqual({
      type: 'otlp',
      protocol: 'grpc',
      endpoint: url,
      insecure: insecureResult,
      timeoutMs: 10_000,
      headers: {},
    });
  });

  it.each([
    ['collector:4317', 'http://collector:4317', true],
    ['http://collector:4317', 'http://collector:4317', true],
    ['https://collector:4317', 'https://collector:4317', false],
  ])('treats OTLP_ENDPOINT=%s like the file does', (value, url, insecure) => {
    const cwd = makeTempDir();
    expect(loadTracingConfig({ env: { OTLP_ENDPOINT: value }, cwd }).exporter).toMatchObject({ endpoint: url, insecure });
  });

  it('keeps the file’s TLS choice for an env endpoint without a scheme', () => {
    const cwd = makeTempDir();
    writeFile(cwd, 'llm-otel.yaml', 'observability:\n  tracing:\n    exporter: { endpoint: "a:4317", insecure: false }\n');
    expect(loadTracingConfig({ env: { OTLP_ENDPOINT: 'b:4317' }, cwd }).exporter).toMatchObject({
      endpoint: 'https://b:4317',
      insecure: false,
    });
  });
});

describe('loadTracingConfig: OTEL_TRACES_SAMPLER', () => {
  it.each([
    ['always_on', 'always_on'],
    ['parentbased_always_on', 'always_on'],
    ['always_off', 'always_off'],
    ['parentbased_always_off', 'always_off'],
    ['traceidratio', 'probabilistic'],
    ['parentbased_traceidratio', 'probabilistic'],
    [' ParentBased_TraceIdRatio ', 'probabilistic'],
  ])('maps %j to %s', (value, type) => {
    const cwd = makeTempDir();
    expect(loadTracingConfig({ env: { OTEL_TRACES_SAMPLER: value }, cwd }).sampling).toEqual({ type, rate: 1 });
  });
});
