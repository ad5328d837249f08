// What the benchmark compares: the client SDK majors, the tracing configurations and the modes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const setup = (name) => ['--import', path.join(REPO_ROOT, 'bench/setups', `${name}.mjs`)];

/**
 * Instrumentations hook the module named `openai`; the 6.x major is installed under the alias
 * `openai6`, which no hook would recognise. A copy under bench/.cache is `openai` again.
 */
function openai6AsOpenai() {
  const target = path.join(REPO_ROOT, 'bench/.cache/openai6/node_modules/openai');
  if (!fs.existsSync(path.join(target, 'package.json'))) {
    fs.cpSync(path.join(REPO_ROOT, 'node_modules/openai6'), target, { recursive: true, dereference: true });
  }
  return target;
}

export function sdks() {
  const version = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const openai7 = path.join(REPO_ROOT, 'node_modules/openai');
  const openai6 = openai6AsOpenai();
  return [
    { name: 'openai7', label: `openai ${version(openai7)}`, module: 'openai' },
    { name: 'openai6', label: `openai ${version(openai6)}`, module: openai6 },
  ];
}

/**
 * `peer: true` marks the GenAI instrumentations our cost is held against. Every traced
 * configuration exports over OTLP/gRPC to the bench's receiver with the same batch settings.
 * `llmOtelConfig` holds the two llm-otel YAML files: tracing only (like the peers), and with
 * metrics on (the default).
 */
export function configurations(llmOtelConfig) {
  const register = ['--import', path.join(REPO_ROOT, 'register.js')];
  return [
    { name: 'none', label: 'no instrumentation', args: [] },
    { name: 'undici', label: 'OTel SDK + instrumentation-undici', args: setup('undici') },
    { name: 'llm-otel', label: 'llm-otel (register)', args: register, env: { LLM_OTEL_CONFIG: llmOtelConfig.tracingOnly } },
    // What a user gets from the default config: GenAI metrics recorded for every call as well.
    { name: 'llm-otel-metrics', label: 'llm-otel (register, metrics on)', args: register, env: { LLM_OTEL_CONFIG: llmOtelConfig.withMetrics } },
    { name: 'otel-openai', label: '@opentelemetry/instrumentation-openai', args: setup('otel-openai'), peer: true },
    { name: 'traceloop', label: '@traceloop/instrumentation-openai', args: setup('traceloop'), peer: true },
    { name: 'openinference', label: '@arizeai/openinference-instrumentation-openai', args: setup('openinference'), peer: true },
  ];
}

export const MODES = ['chat', 'stream', 'embeddings'];
export const MODE_LABELS = { chat: 'chat', stream: 'streamed chat (100 chunks)', embeddings: 'embeddings' };
export const CONCURRENCIES = [1, 32];
