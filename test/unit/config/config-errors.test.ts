import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { ConfigError, loadTracingConfig } from '../../../src/config/index.js';
import { makeTempDir, removeTempDirs, writeFile } from './temp-config-dir.js';

afterEach(removeTempDirs);

const TRACING_KEYS =
  'enabled, provider, exporter, sampling, resource, capture_content, max_content_bytes, trace_non_llm_requests, providers, metrics, exit_budget_ms';
// The registry's APIs, in its order: `writer` is not one (Writer speaks the OpenAI API), so a
// mapping that names it is refused rather than accepted and then ignored.
const APIS = 'bedrock, anthropic, gemini, vertex_ai, cohere, watsonx, aleph_alpha, voyage, ollama, openai';
const ENDPOINT = 'host:port, http://host:port or https://host:port, with a port from 1 to 65535';
const HOST = 'a host name, optionally with :port or a leading *. (no scheme or path)';

/** Wraps lines into an `observability.tracing` block. */
function tracing(...lines: string[]): string {
  return ['observability:', '  tracing:', ...lines.map((line) => `    ${line}`)].join('\n') + '\n';
}

/** Each case is a file's text and the message expected after `in <file>: `. */
const BAD_FILES: ReadonlyArray<readonly [name: string, yaml: string, expected: string]> = [
  ['enabled as a string', tracing('enabled: "yes"'), 'observability.tracing.enabled: found "yes"; allowed: a boolean'],
  ['capture_content as a number', tracing('capture_content: 1'), 'observability.tracing.capture_content: found 1; allowed: a boolean'],
  ['max_content_bytes zero', tracing('max_content_bytes: 0'), 'observability.tracing.max_content_bytes: found 0; allowed: a positive whole number'],
  ['max_content_bytes fractional', tracing('max_content_bytes: 1.5'), 'observability.tracing.max_content_bytes: found 1.5; allowed: a positive whole number'],
  ['max_content_bytes as a string', tracing('max_content_bytes: 16k'), 'observability.tracing.max_content_bytes: found "16k"; allowed: a positive whole number'],
  ['timeout_ms negative', tracing('exporter: { timeout_ms: -5 }'), 'observability.tracing.exporter.timeout_ms: found -5; allowed: a positive whole number of milliseconds'],
  ['metrics interval as a list', tracing('metrics: { interval_ms: [1] }'), 'observability.tracing.metrics.interval_ms: found [1]; allowed: a positive whole number of milliseconds'],
  ['unknown key at the top of the block', tracing('colour: blue'), `observability.tracing.colour: found unknown key "colour"; allowed: no other keys; known keys: ${TRACING_KEYS}`],
  [
    'unknown nested key',
    tracing('exporter: { endpoint: "c:4317", compression: gzip }'),
    'observability.tracing.exporter.compression: found unknown key "compression"; allowed: no other keys; known keys: type, protocol, endpoint, insecure, timeout_ms, headers',
  ],
  ['tracing provider other than opentelemetry', tracing('provider: jaeger'), 'observability.tracing.provider: found "jaeger"; allowed: opentelemetry, or leave the key out'],
  ['exporter type', tracing('exporter: { type: zipkin }'), 'observability.tracing.exporter.type: found "zipkin"; allowed: one of otlp, stdout, none'],
  ['sampler type', tracing('sampling: { type: sometimes }'), 'observability.tracing.sampling.type: found "sometimes"; allowed: one of always_on, always_off, probabilistic'],
  ['rate 1.5', tracing('sampling: { type: probabilistic, rate: 1.5 }'), 'observability.tracing.sampling.rate: found 1.5; allowed: a number from 0 to 1'],
  ['rate -0.1', tracing('sampling: { type: probabilistic, rate: -0.1 }'), 'observability.tracing.sampling.rate: found -0.1; allowed: a number from 0 to 1'],
  ['rate as a quoted string', tracing('sampling: { rate: "0.5" }'), 'observability.tracing.sampling.rate: found "0.5"; allowed: a number from 0 to 1'],
  ['rate .nan', tracing('sampling: { rate: .nan }'), 'observability.tracing.sampling.rate: found NaN; allowed: a number from 0 to 1'],
  ['sampling as a scalar', tracing('sampling: fast'), 'observability.tracing.sampling: found "fast"; allowed: a mapping with the keys type, rate'],
  ['endpoint without port', tracing('exporter: { endpoint: localhost }'), `observability.tracing.exporter.endpoint: found "localhost"; allowed: ${ENDPOINT}`],
  ['endpoint with port 0', tracing('exporter: { endpoint: "collector:0" }'), `observability.tracing.exporter.endpoint: found "collector:0"; allowed: ${ENDPOINT}`],
  ['endpoint with port 65536', tracing('exporter: { endpoint: "collector:65536" }'), `observability.tracing.exporter.endpoint: found "collector:65536"; allowed: ${ENDPOINT}`],
  ['endpoint with another scheme', tracing('exporter: { endpoint: "grpc://collector:4317" }'), `observability.tracing.exporter.endpoint: found "grpc://collector:4317"; allowed: ${ENDPOINT}`],
  [
    'endpoint with an HTTP path',
    tracing('exporter: { endpoint: "http://collector:4318/v1/traces" }'),
    `observability.tracing.exporter.endpoint: found "http://collector:4318/v1/traces"; allowed: ${ENDPOINT}`,
  ],
  ['endpoint as a number', tracing('exporter: { endpoint: 4317 }'), `observability.tracing.exporter.endpoint: found 4317; allowed: ${ENDPOINT}`],
  [
    'https endpoint marked insecure',
    tracing('exporter: { endpoint: "https://collector:4317", insecure: true }'),
    'observability.tracing.exporter.insecure: found true; allowed: false or no value, because the endpoint starts with https://',
  ],
  [
    'unquoted version number',
    tracing('resource: { service_version: 1.10 }'),
    'observability.tracing.resource.service_version: found 1.1; allowed: a string; quote version numbers, e.g. "1.2.0"',
  ],
  ['blank service name', tracing('resource: { service_name: " " }'), 'observability.tracing.resource.service_name: found " "; allowed: a non-empty string'],
  [
    'provider mapping with api: writer (no parser of that name)',
    tracing('providers:', '  - { host: llm.example.com, provider: writer, api: writer }'),
    `observability.tracing.providers[0].api: found "writer"; allowed: one of ${APIS}`,
  ],
  [
    'provider mapping with an unknown api',
    tracing('providers:', '  - { host: llm.example.com, provider: mistral, api: mistral }'),
    `observability.tracing.providers[0].api: found "mistral"; allowed: one of ${APIS}`,
  ],
  [
    'provider mapping without api',
    tracing('providers:', '  - { host: a.example.com, provider: openai, api: openai }', '  - { host: b.example.com, provider: openai }'),
    `observability.tracing.providers[1].api: found nothing; allowed: one of ${APIS}`,
  ],
  [
    'provider mapping with a URL as host',
    tracing('providers:', '  - { host: "https://llm.example.com", provider: openai, api: openai }'),
    `observability.tracing.providers[0].host: found "https://llm.example.com"; allowed: ${HOST}`,
  ],
  [
    'provider mapping with an unknown key',
    tracing('providers:', '  - { host: llm.example.com, provider: openai, api: openai, model: gpt }'),
    'observability.tracing.providers[0].model: found unknown key "model"; allowed: no other keys; known keys: host, provider, api',
  ],
  ['providers as a mapping', tracing('providers: { host: x }'), 'observability.tracing.providers: found {"host":"x"}; allowed: a list of mappings with the keys host, provider, api'],
  ['tracing as a list', 'observability:\n  tracing: [1]\n', `observability.tracing: found [1]; allowed: a mapping with the keys ${TRACING_KEYS}`],
  ['observability as a scalar', 'observability: 5\n', 'observability: found 5; allowed: a mapping (llm-otel reads observability.tracing)'],
  ['a list at the top level', '- observability\n', '(top level): found ["observability"]; allowed: a mapping (llm-otel reads observability.tracing)'],
  [
    'several problems, reported in path order',
    tracing('enabled: 1', 'sampling: { rate: 2, colour: red, size: 3 }'),
    'observability.tracing.enabled: found 1; allowed: a boolean (and 3 more issues)',
  ],
  [
    'unclosed flow mapping',
    tracing('sampling: { type: probabilistic, rate: 0.5'),
    '(YAML syntax): found Flow map in block collection must be sufficiently indented and end with a } at line 4, column 1; allowed: valid YAML',
  ],
  ['duplicate key', tracing('enabled: true', 'enabled: false'), '(YAML syntax): found Map keys must be unique at line 4, column 5; allowed: valid YAML'],
  ['alias to a missing anchor', tracing('enabled: *on'), '(YAML syntax): found Unresolved alias (the anchor must be set before the alias): on; allowed: valid YAML'],
];

function errorOf(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('invalid configuration files', () => {
  it.each(BAD_FILES)('%s', (_name, yaml, expected) => {
    const cwd = makeTempDir();
    const path = writeFile(cwd, 'llm-otel.yaml', yaml);
    const error = errorOf(() => loadTracingConfig({ env: {}, cwd }));
    expect(error.message).toBe(`llm-otel: invalid configuration in ${path}: ${expected}`);
    expect(error.file).toBe(path);
  });

  it('exposes the parts of the message as fields', () => {
    const cwd = makeTempDir();
    const path = writeFile(cwd, 'llm-otel.yaml', tracing('sampling: { rate: 1.5 }'));
    const error = errorOf(() => loadTracingConfig({ env: {}, cwd }));
    expect({ ...error, name: error.name }).toEqual({
      name: 'ConfigError',
      file: path,
      keyPath: 'observability.tracing.sampling.rate',
      found: '1.5',
      allowed: 'a number from 0 to 1',
      moreIssues: 0,
    });
  });

  it('reports a missing $LLM_OTEL_CONFIG file against the environment', () => {
    const cwd = makeTempDir();
    const missing = join(cwd, 'missing.yaml');
    const error = errorOf(() => loadTracingConfig({ env: { LLM_OTEL_CONFIG: missing }, cwd }));
    expect(error.message).toBe(
      `llm-otel: invalid configuration in environment: LLM_OTEL_CONFIG: found "${missing}" (no such file); allowed: the path of an existing YAML file`,
    );
  });

  it('names the resolved path for a missing relative $LLM_OTEL_CONFIG', () => {
    const cwd = makeTempDir();
    const error = errorOf(() => loadTracingConfig({ env: { LLM_OTEL_CONFIG: 'conf/missing.yaml' }, cwd }));
    expect(error.message).toBe(
      `llm-otel: invalid configuration in environment: LLM_OTEL_CONFIG: found "conf/missing.yaml" (no such file: ${join(cwd, 'conf/missing.yaml')}); allowed: the path of an existing YAML file`,
    );
  });

  // A directory opens but is not a regular file (devices, FIFOs and sizes: test/faults/config-file-limits.test.ts).
  it('reports an $LLM_OTEL_CONFIG that is a directory', () => {
    const cwd = makeTempDir();
    const directory = join(cwd, 'a-directory.yaml');
    mkdirSync(directory);
    const error = errorOf(() => loadTracingConfig({ env: { LLM_OTEL_CONFIG: directory }, cwd }));
    expect(error.message).toBe(
      `llm-otel: invalid configuration in environment: LLM_OTEL_CONFIG: found ${JSON.stringify(directory)} (a directory, not a regular file); allowed: the path of a regular YAML file of at most 2,097,152 bytes (2 MiB)`,
    );
  });

  it('reports a <cwd>/llm-otel.yaml that is a directory', () => {
    const cwd = makeTempDir();
    mkdirSync(join(cwd, 'llm-otel.yaml'));
    const error = errorOf(() => loadTracingConfig({ env: {}, cwd }));
    expect(error.message).toBe(
      `llm-otel: invalid configuration in ${join(cwd, 'llm-otel.yaml')}: (file): found a directory, not a regular file; allowed: a regular YAML file of at most 2,097,152 bytes (2 MiB)`,
    );
  });
});

const SAMPLERS = 'always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio';

const BAD_ENV: ReadonlyArray<readonly [env: NodeJS.ProcessEnv, expected: string]> = [
  [{ OTEL_TRACES_SAMPLER: 'sometimes' }, `OTEL_TRACES_SAMPLER: found "sometimes"; allowed: one of ${SAMPLERS}`],
  [{ OTEL_TRACES_SAMPLER: 'jaeger_remote' }, `OTEL_TRACES_SAMPLER: found "jaeger_remote"; allowed: one of ${SAMPLERS}`],
  [{ OTEL_TRACES_SAMPLER: 'constructor' }, `OTEL_TRACES_SAMPLER: found "constructor"; allowed: one of ${SAMPLERS}`],
  [{ OTEL_TRACES_SAMPLER_ARG: '2' }, 'OTEL_TRACES_SAMPLER_ARG: found "2"; allowed: a number from 0 to 1'],
  [{ OTEL_TRACES_SAMPLER_ARG: '-0.1' }, 'OTEL_TRACES_SAMPLER_ARG: found "-0.1"; allowed: a number from 0 to 1'],
  [{ OTEL_TRACES_SAMPLER_ARG: 'half' }, 'OTEL_TRACES_SAMPLER_ARG: found "half"; allowed: a number from 0 to 1'],
  [{ OTLP_ENDPOINT: 'not a url' }, `OTLP_ENDPOINT: found "not a url"; allowed: ${ENDPOINT}`],
  [{ OTLP_ENDPOINT: 'collector' }, `OTLP_ENDPOINT: found "collector"; allowed: ${ENDPOINT}`],
  [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:99999' }, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: found "http://collector:99999"; allowed: ${ENDPOINT}`],
  [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://collector:21' }, `OTEL_EXPORTER_OTLP_ENDPOINT: found "ftp://collector:21"; allowed: ${ENDPOINT}`],
  [{ OTEL_SDK_DISABLED: 'yes' }, 'OTEL_SDK_DISABLED: found "yes"; allowed: true or false'],
  [{ TRACING_ENABLED: '1' }, 'TRACING_ENABLED: found "1"; allowed: true or false'],
  [{ OTEL_SDK_DISABLED: 'true', TRACING_ENABLED: 'on' }, 'TRACING_ENABLED: found "on"; allowed: true or false'],
  [
    { OTEL_NODE_RESOURCE_DETECTORS: 'host,container' },
    'OTEL_NODE_RESOURCE_DETECTORS: found "host,container"; allowed: a comma separated list of host, os, process, serviceinstance, env, all, none',
  ],
  [
    { OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'deltas' },
    'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: found "deltas"; allowed: one of cumulative, delta, lowmemory',
  ],
  [{ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'maybe' }, 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: found "maybe"; allowed: true or false'],
];

describe('invalid environment variables', () => {
  it.each(BAD_ENV)('%j', (env, expected) => {
    const error = errorOf(() => loadTracingConfig({ env, cwd: makeTempDir() }));
    expect(error.message).toBe(`llm-otel: invalid configuration in environment: ${expected}`);
    expect(error.file).toBe('environment');
  });
});
