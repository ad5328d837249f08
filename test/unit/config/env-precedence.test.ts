import { afterEach, describe, expect, it } from 'vitest';

import { loadTracingConfig } from '../../../src/config/index.js';
import type { TracingConfig } from '../../../src/config/index.js';
import { makeTempDir, removeTempDirs, writeFile } from './temp-config-dir.js';

afterEach(removeTempDirs);

/** A file that sets every key an environment variable can override, each away from its default. */
const YAML_FILE = `
observability:
  tracing:
    enabled: true
    exporter: { endpoint: "yaml-collector:4317" }
    sampling: { type: probabilistic, rate: 0.1 }
    resource: { service_name: from-yaml }
    capture_content: true
`;

interface PrecedenceCase {
  readonly name: string;
  readonly env: NodeJS.ProcessEnv;
  readonly yaml?: string;
  readonly pick: (config: TracingConfig) => unknown;
  readonly expected: unknown;
}

const endpoint = (config: TracingConfig) => config.exporter.endpoint;
const sampling = (config: TracingConfig) => config.sampling;

const CASES: PrecedenceCase[] = [
  // enabled
  { name: 'YAML enabled without env', env: {}, yaml: 'observability: { tracing: { enabled: false } }', pick: (c) => c.enabled, expected: false },
  { name: 'OTEL_SDK_DISABLED=true over YAML', env: { OTEL_SDK_DISABLED: 'true' }, pick: (c) => c.enabled, expected: false },
  { name: 'OTEL_SDK_DISABLED=false leaves YAML', env: { OTEL_SDK_DISABLED: 'false' }, yaml: 'observability: { tracing: { enabled: false } }', pick: (c) => c.enabled, expected: false },
  { name: 'TRACING_ENABLED=false over YAML', env: { TRACING_ENABLED: 'FALSE' }, pick: (c) => c.enabled, expected: false },
  { name: 'TRACING_ENABLED=true over YAML false', env: { TRACING_ENABLED: 'true' }, yaml: 'observability: { tracing: { enabled: false } }', pick: (c) => c.enabled, expected: true },
  { name: 'OTEL_SDK_DISABLED=true over TRACING_ENABLED=true', env: { OTEL_SDK_DISABLED: 'true', TRACING_ENABLED: 'true' }, pick: (c) => c.enabled, expected: false },
  // endpoint
  { name: 'YAML endpoint without env', env: {}, pick: endpoint, expected: 'http://yaml-collector:4317' },
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT over YAML', env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://general:4317' }, pick: endpoint, expected: 'http://general:4317' },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT over OTEL_EXPORTER_OTLP_ENDPOINT',
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'general:4317', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'traces:4317' },
    pick: endpoint,
    expected: 'http://traces:4317',
  },
  {
    name: 'OTLP_ENDPOINT over both OTEL_ variables',
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'general:4317', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'traces:4317', OTLP_ENDPOINT: 'short:4317' },
    pick: endpoint,
    expected: 'http://short:4317',
  },
  { name: 'a blank OTLP_ENDPOINT counts as unset', env: { OTLP_ENDPOINT: '  ', OTEL_EXPORTER_OTLP_ENDPOINT: 'general:4317' }, pick: endpoint, expected: 'http://general:4317' },
  // service name
  { name: 'YAML service name without env', env: {}, pick: (c) => c.resource.serviceName, expected: 'from-yaml' },
  { name: 'OTEL_SERVICE_NAME over YAML', env: { OTEL_SERVICE_NAME: 'from-env' }, pick: (c) => c.resource.serviceName, expected: 'from-env' },
  { name: 'OTEL_SERVICE_NAME over the default', env: { OTEL_SERVICE_NAME: 'from-env' }, yaml: '', pick: (c) => c.resource.serviceName, expected: 'from-env' },
  // sampler
  { name: 'YAML sampler without env', env: {}, pick: sampling, expected: { type: 'probabilistic', rate: 0.1 } },
  { name: 'OTEL_TRACES_SAMPLER over YAML type', env: { OTEL_TRACES_SAMPLER: 'parentbased_always_off' }, pick: sampling, expected: { type: 'always_off', rate: 0.1 } },
  { name: 'OTEL_TRACES_SAMPLER_ARG over YAML rate', env: { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }, pick: sampling, expected: { type: 'probabilistic', rate: 0.25 } },
  { name: 'OTEL_TRACES_SAMPLER_ARG alone keeps YAML type', env: { OTEL_TRACES_SAMPLER_ARG: '0' }, pick: sampling, expected: { type: 'probabilistic', rate: 0 } },
  { name: 'ratio sampler without ARG and file uses rate 1', env: { OTEL_TRACES_SAMPLER: 'traceidratio' }, yaml: '', pick: sampling, expected: { type: 'probabilistic', rate: 1 } },
  // content capture
  { name: 'YAML capture_content without env', env: {}, pick: (c) => c.captureContent, expected: true },
  { name: 'capture env false over YAML true', env: { OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'False' }, pick: (c) => c.captureContent, expected: false },
  { name: 'capture env TRUE over default false', env: { OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'TRUE' }, yaml: '', pick: (c) => c.captureContent, expected: true },
];

describe('environment variables override the YAML file', () => {
  it.each(CASES)('$name', ({ env, yaml, pick, expected }) => {
    const cwd = makeTempDir();
    writeFile(cwd, 'llm-otel.yaml', yaml ?? YAML_FILE);
    expect(pick(loadTracingConfig({ env, cwd }))).toEqual(expected);
  });

  it('reads process.env when no env is passed', () => {
    const cwd = makeTempDir();
    const saved = process.env.OTEL_SERVICE_NAME;
    process.env.OTEL_SERVICE_NAME = 'from-process-env';
    try {
      expect(loadTracingConfig({ cwd }).resource.serviceName).toBe('from-process-env');
    } finally {
      if (saved === undefined) delete process.env.OTEL_SERVICE_NAME;
      else process.env.OTEL_SERVICE_NAME = saved;
    }
  });

  it('leaves process.env in place after reading a passed env', () => {
    const before = process.env;
    loadTracingConfig({ env: { OTEL_SERVICE_NAME: 'x' }, cwd: makeTempDir() });
    expect(process.env).toBe(before);
  });
});
