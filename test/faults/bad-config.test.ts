import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp } from '../helpers/run-traced-app.js';
import { findSecrets, SECRET_HEADERS } from './helpers/secret-scan.js';

const APP = path.join(REPO_ROOT, 'test/faults/apps/one-llm-call.mjs');
const ENDPOINT_ALLOWED = 'host:port, http://host:port or https://host:port, with a port from 1 to 65535';
const UNTRACED = '. Tracing is off; the app runs untraced.';

let dir: string;
let receiver: OtlpReceiver;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-bad-config-'));
  receiver = await startOtlpReceiver({ port: 0 });
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await receiver?.close();
});

function tracingBlock(...lines: string[]): string {
  return ['observability:', '  tracing:', ...lines.map((line) => `    ${line}`), ''].join('\n');
}

interface BadConfig {
  /** File contents, or none. (Paths that are not regular files: config-file-limits.test.ts.) */
  file?: string;
  env?: Record<string, string>;
  /** The message after `llm-otel: invalid configuration in <file>: `. */
  message: string;
}

/**
 * Each is started the way a user starts an app, `node --import ./register.js app.js`, and must
 * print exactly one line, `<ConfigError message>. Tracing is off; the app runs untraced.`, then
 * run and exit as it would without us.
 */
const BAD_CONFIGS: Readonly<Record<string, BadConfig>> = {
  'enabled is a string': { file: tracingBlock('enabled: "yes"'), message: 'observability.tracing.enabled: found "yes"; allowed: a boolean' },
  'capture_content is a number': { file: tracingBlock('capture_content: 1'), message: 'observability.tracing.capture_content: found 1; allowed: a boolean' },
  'timeout_ms is negative': {
    file: tracingBlock('exporter: { timeout_ms: -5 }'),
    message: 'observability.tracing.exporter.timeout_ms: found -5; allowed: a positive whole number of milliseconds',
  },
  'unknown key': {
    file: tracingBlock('exporter: { endpoint: "collector:4317", compression: gzip }'),
    message: 'observability.tracing.exporter.compression: found unknown key "compression"; allowed: no other keys; known keys: type, protocol, endpoint, insecure, timeout_ms, headers',
  },
  'unknown sampler': {
    file: tracingBlock('sampling: { type: sometimes }'),
    message: 'observability.tracing.sampling.type: found "sometimes"; allowed: one of always_on, always_off, probabilistic',
  },
  'rate above 1': {
    file: tracingBlock('sampling: { type: probabilistic, rate: 1.5 }'),
    message: 'observability.tracing.sampling.rate: found 1.5; allowed: a number from 0 to 1',
  },
  'endpoint without a port': {
    file: tracingBlock('exporter: { endpoint: localhost }'),
    message: `observability.tracing.exporter.endpoint: found "localhost"; allowed: ${ENDPOINT_ALLOWED}`,
  },
  'endpoint with an HTTP path': {
    file: tracingBlock('exporter: { endpoint: "http://collector:4318/v1/traces" }'),
    message: `observability.tracing.exporter.endpoint: found "http://collector:4318/v1/traces"; allowed: ${ENDPOINT_ALLOWED}`,
  },
  'invalid YAML': {
    file: 'observability:\n  tracing: [unclosed\n',
    message: '(YAML syntax): found Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1; allowed: valid YAML',
  },
  'OTEL_TRACES_SAMPLER unknown': {
    env: { OTEL_TRACES_SAMPLER: 'sometimes' },
    message: 'OTEL_TRACES_SAMPLER: found "sometimes"; allowed: one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio',
  },
  'OTEL_TRACES_SAMPLER_ARG above 1': { env: { OTEL_TRACES_SAMPLER_ARG: '1.5' }, message: 'OTEL_TRACES_SAMPLER_ARG: found "1.5"; allowed: a number from 0 to 1' },
  'OTLP_ENDPOINT without a port': { env: { OTLP_ENDPOINT: 'collector' }, message: `OTLP_ENDPOINT: found "collector"; allowed: ${ENDPOINT_ALLOWED}` },
  'OTEL_SDK_DISABLED not a boolean': { env: { OTEL_SDK_DISABLED: 'yes' }, message: 'OTEL_SDK_DISABLED: found "yes"; allowed: true or false' },
};

async function start(name: string, config: BadConfig) {
  const env: Record<string, string> = { ...config.env };
  let source = 'environment';
  if (config.file !== undefined) {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    fs.writeFileSync(file, config.file);
    env.LLM_OTEL_CONFIG = file;
    source = file;
  }
  const run = await runTracedApp(APP, { env, timeoutMs: 20_000 });
  return { run, expectedStderr: `llm-otel: invalid configuration in ${source}: ${config.message}${UNTRACED}\n` };
}

describe('a bad configuration, at process start', () => {
  it('a good one, for contrast: the app runs traced and nothing is logged', async () => {
    const run = await runTracedApp(APP, {
      env: { SECRET_HEADERS: JSON.stringify(SECRET_HEADERS) },
      configYaml: tracingBlock(`exporter: { endpoint: "http://127.0.0.1:${receiver.port}" }`, 'metrics: { enabled: false }'),
    });
    expect({ code: run.code, stderr: run.stderr, results: run.results }).toEqual({ code: 0, stderr: '', results: [{ status: 200, traced: true }] });
    const spans = await receiver.waitForSpans((all) => all.length >= 1, 5_000);
    expect(spans.map((span) => span.name)).toEqual(['chat m']);
    expect(findSecrets(spans)).toEqual([]);
  });

  it('LLM_OTEL_CONFIG naming a missing file', async () => {
    const missing = path.join(dir, 'missing.yaml');
    const run = await runTracedApp(APP, { env: { LLM_OTEL_CONFIG: missing } });
    expect({ code: run.code, stderr: run.stderr, results: run.results }).toEqual({
      code: 0,
      stderr: `llm-otel: invalid configuration in environment: LLM_OTEL_CONFIG: found ${JSON.stringify(missing)} (no such file); allowed: the path of an existing YAML file${UNTRACED}\n`,
      results: [{ status: 200, traced: false }],
    });
  });

  it.concurrent.each(Object.entries(BAD_CONFIGS))('%s: one exact line on stderr, then the app runs untraced and exits 0', async (name, config) => {
    const { run, expectedStderr } = await start(name, config);
    expect({ code: run.code, stderr: run.stderr, results: run.results }).toEqual({
      code: 0,
      stderr: expectedStderr,
      results: [{ status: 200, traced: false }],
    });
  });
});
