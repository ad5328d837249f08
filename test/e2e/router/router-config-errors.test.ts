/**
 * Every way `router-config.yaml` can be wrong, through the command itself: one message on stderr
 * naming the file, the key, what was found and what is allowed; exit code 1; nothing started.
 * In-process through runCli (cheap), and once as a real child process.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';

import { runCli } from '../../../src/cli/run-cli.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';
import { CLI, cleanEnv } from './router-process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-router-config-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A router config document as written to YAML; cases change it, some into invalid shapes. */
type Config = { vllm_endpoints: Array<Record<string, unknown>>; [key: string]: unknown };
const valid = (): Config => ({
  vllm_endpoints: [{ name: 'a', address: '127.0.0.1', port: 8000 }],
  model_config: { m: { preferred_endpoints: ['a'] } },
  default_model: 'm',
});
const keywordRule = { name: 'k', operator: 'OR', keywords: ['x'] };
const decision = (extra: object) => ({ name: 'd', rules: { conditions: [{ type: 'keyword', name: 'k' }] }, modelRefs: [{ model: 'm' }], ...extra });
const LOCAL = "llm-otel's router runs no local ML models";
const ROUTE_WITH = 'keyword_rules and embedding_rules (embeddings through embedding_models.endpoint, an OpenAI-compatible API)';

function write(name: string, config: object | string): string {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, typeof config === 'string' ? config : stringify(config));
  return file;
}

async function routerErrors(file: string): Promise<{ code: number; err: string; out: string }> {
  let err = '';
  let out = '';
  const code = await runCli(['router', '--config', file, '--port', '0'], {
    out: (text) => (out += text), err: (text) => (err += text), stopSignal: AbortSignal.abort(),
  });
  return { code, err, out };
}

const cases: Array<[string, (c: Config) => object | string, string]> = [
  ['YAML syntax', () => 'vllm_endpoints: [\n', '(YAML syntax): found Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1; allowed: valid YAML'],
  ['a tracing key (the instrumentation\'s schema)', (c) => ({ ...c, observability: { tracing: { sampling: { type: 'probabilistic', rate: 1.5 } } } }),
    'observability.tracing.sampling.rate: found 1.5; allowed: a number from 0 to 1'],
  ['classifier (local ML models)', (c) => ({ ...c, classifier: { category_model: { model_id: 'x' } } }),
    `classifier: found the key "classifier", which needs its ModernBERT category and PII classifiers in the vLLM Semantic Router; ${LOCAL}; allowed: ${ROUTE_WITH}`],
  ['bert_model', (c) => ({ ...c, bert_model: { model_id: 'x' } }),
    `bert_model: found the key "bert_model", which needs its local BERT similarity model in the vLLM Semantic Router; ${LOCAL}; allowed: ${ROUTE_WITH}`],
  ['prompt_guard', (c) => ({ ...c, prompt_guard: { enabled: true } }),
    `prompt_guard: found the key "prompt_guard", which needs its local jailbreak classifier in the vLLM Semantic Router; ${LOCAL}; allowed: ${ROUTE_WITH}`],
  ['categories', (c) => ({ ...c, categories: [{ name: 'math', mmlu_categories: ['math'] }] }),
    `categories: found the key "categories", which needs the MMLU categories of its domain classifier in the vLLM Semantic Router; ${LOCAL}; allowed: ${ROUTE_WITH}`],
  ['a local embedding model path', (c) => ({ ...c, embedding_models: { qwen3_model_path: 'models/x' } }),
    `embedding_models.qwen3_model_path: found the key "qwen3_model_path", which needs a local Qwen3 embedding model in the vLLM Semantic Router; ${LOCAL}; allowed: ${ROUTE_WITH}`],
  ['a domain condition', (c) => ({ ...c, keyword_rules: [keywordRule], decisions: [decision({ rules: { conditions: [{ type: 'domain', name: 'math' }] } })] }),
    `decisions[0].rules.conditions[0].type: found "domain"; allowed: one of keyword, embedding (type domain needs its local domain classifier in the vLLM Semantic Router; ${LOCAL})`],
  ['a pii plugin', (c) => ({ ...c, keyword_rules: [keywordRule], decisions: [decision({ plugins: [{ type: 'pii', configuration: { enabled: true } }] })] }),
    `decisions[0].plugins[0].type: found "pii"; allowed: one of system_prompt, semantic-cache (type pii needs its local PII classifier in the vLLM Semantic Router; ${LOCAL})`],
  ['an unknown top-level key', (c) => ({ ...c, colour: 'blue' }),
    'colour: found unknown key "colour"; allowed: no other keys; known keys: observability, vllm_endpoints, model_config, default_model, auto_model_name, keyword_rules, embedding_rules, embedding_models, strategy, decisions, reasoning_families, default_reasoning_effort, semantic_cache, router'],
  ['an unknown endpoint key (a key written into the file)', (c) => ({ ...c, vllm_endpoints: [{ ...c.vllm_endpoints[0], api_key: 'sk-123' }] }),
    'vllm_endpoints[0].api_key: found unknown key "api_key"; allowed: no other keys; known keys: name, address, port, weight, api_key_env, timeout_ms'],
  ['a key pasted as api_key_env', (c) => ({ ...c, vllm_endpoints: [{ ...c.vllm_endpoints[0], api_key_env: 'sk-proj-abc123' }] }),
    'vllm_endpoints[0].api_key_env: found a value that is not a variable name (not shown, in case it is the key itself); allowed: the name of an environment variable, e.g. OPENAI_API_KEY'],
  ['no endpoints', (c) => ({ ...c, vllm_endpoints: undefined }), 'vllm_endpoints: found nothing; allowed: a list of endpoints with the keys name, address, port, weight'],
  ['a port out of range', (c) => ({ ...c, vllm_endpoints: [{ ...c.vllm_endpoints[0], port: 70000 }] }), 'vllm_endpoints[0].port: found 70000; allowed: a whole number from 1 to 65535'],
  ['an address with a scheme', (c) => ({ ...c, vllm_endpoints: [{ ...c.vllm_endpoints[0], address: 'http://backend' }] }),
    'vllm_endpoints[0].address: found "http://backend"; allowed: a host name or IP address, without scheme, port or path (the port has its own key)'],
  ['an undefined endpoint', (c) => ({ ...c, model_config: { m: { preferred_endpoints: ['b'] } } }), 'model_config.m.preferred_endpoints[0]: found "b"; allowed: a name from vllm_endpoints: a'],
  ['an undefined default model', (c) => ({ ...c, default_model: 'gpt-9' }), 'default_model: found "gpt-9"; allowed: a model from model_config: m'],
  ['an undefined rule', (c) => ({ ...c, decisions: [decision({ rules: { conditions: [{ type: 'keyword', name: 'nope' }] } })] }),
    'decisions[0].rules.conditions[0].name: found "nope"; allowed: a rule name from keyword_rules: (none defined)'],
  ['an undefined model in a decision', (c) => ({ ...c, keyword_rules: [keywordRule], decisions: [decision({ modelRefs: [{ model: 'x' }] })] }),
    'decisions[0].modelRefs[0].model: found "x"; allowed: a model from model_config: m'],
  ['an invalid regular expression', (c) => ({ ...c, keyword_rules: [{ ...keywordRule, keywords: ['(unclosed'] }] }),
    'keyword_rules[0].keywords[0]: found "(unclosed"; allowed: a valid regular expression (Invalid regular expression: /(unclosed/: Unterminated group)'],
  ['a keyword operator', (c) => ({ ...c, keyword_rules: [{ ...keywordRule, operator: 'XOR' }] }), 'keyword_rules[0].operator: found "XOR"; allowed: one of OR, AND, NOR'],
  ['embedding rules without an embeddings endpoint', (c) => ({ ...c, embedding_rules: [{ name: 'e', threshold: 0.7, candidates: ['x'] }] }),
    'embedding_models: found nothing; allowed: a mapping with endpoint: {base_url, model}, needed by embedding_rules'],
  ['an embedding threshold', (c) => ({ ...c, embedding_rules: [{ name: 'e', threshold: 7, candidates: ['x'] }], embedding_models: { endpoint: { base_url: 'http://e/v1', model: 'x' } } }),
    'embedding_rules[0].threshold: found 7; allowed: a number from 0 to 1'],
  ['an embeddings URL', (c) => ({ ...c, embedding_models: { endpoint: { base_url: 'ftp://e', model: 'x' } } }),
    'embedding_models.endpoint.base_url: found "ftp://e"; allowed: an http:// or https:// URL, e.g. https://api.openai.com/v1'],
  ['a strategy', (c) => ({ ...c, strategy: 'confidence' }), 'strategy: found "confidence"; allowed: priority'],
  ['a cache backend', (c) => ({ ...c, semantic_cache: { enabled: true, backend_type: 'milvus' } }), 'semantic_cache.backend_type: found "milvus"; allowed: memory (the only backend of this router)'],
  ['an eviction policy', (c) => ({ ...c, semantic_cache: { enabled: true, eviction_policy: 'lfu' } }), 'semantic_cache.eviction_policy: found "lfu"; allowed: one of fifo, lru'],
  ['a vLLM cache key this router has no use for', (c) => ({ ...c, semantic_cache: { enabled: true, use_hnsw: true } }),
    'semantic_cache.use_hnsw: found unknown key "use_hnsw"; allowed: no other keys; known keys: enabled, backend_type, similarity_threshold, max_entries, max_bytes, ttl_seconds, eviction_policy'],
  ['an undefined reasoning family', (c) => ({ ...c, model_config: { m: { preferred_endpoints: ['a'], reasoning_family: 'qwen3' } } }),
    'model_config.m.reasoning_family: found "qwen3"; allowed: a family from reasoning_families: (none defined)'],
  ['a system prompt plugin without its prompt', (c) => ({ ...c, keyword_rules: [keywordRule], decisions: [decision({ plugins: [{ type: 'system_prompt', configuration: {} }] })] }),
    'decisions[0].plugins[0].configuration.system_prompt: found nothing; allowed: the system prompt text'],
  ['a duplicate decision name', (c) => ({ ...c, keyword_rules: [keywordRule], decisions: [decision({}), decision({})] }),
    'decisions[1].name: found "d"; allowed: a name no other entry of decisions has'],
];

describe('router-config.yaml errors', () => {
  it.each(cases)('%s', async (name, mutate, expected) => {
    const file = write(name.replace(/\W+/g, '-'), mutate(valid()));
    const { code, err, out } = await routerErrors(file);
    expect(err).toBe(`llm-otel: invalid configuration in ${file}: ${expected}. The router does not start.\n`);
    expect(code).toBe(1);
    expect(out).toBe('');
  });

  it('a missing file', async () => {
    const file = path.join(dir, 'missing.yaml');
    expect((await routerErrors(file)).err).toBe(
      `llm-otel: invalid configuration in ${file}: (file): found no such file; allowed: a readable YAML file (the path given to --config). The router does not start.\n`,
    );
  });

  it('an environment override, named as the instrumentation names it', async () => {
    const file = write('env', valid());
    const saved = process.env.OTEL_TRACES_SAMPLER;
    process.env.OTEL_TRACES_SAMPLER = 'sometimes';
    try {
      expect((await routerErrors(file)).err).toBe(
        'llm-otel: invalid configuration in environment: OTEL_TRACES_SAMPLER: found "sometimes"; allowed: one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio. The router does not start.\n',
      );
    } finally {
      if (saved === undefined) delete process.env.OTEL_TRACES_SAMPLER;
      else process.env.OTEL_TRACES_SAMPLER = saved;
    }
  });

  it('the repository\'s router-config.yaml passes the schema', async () => {
    const { loadRouterConfig } = await import('../../../src/router/index.js');
    const config = loadRouterConfig(path.join(REPO_ROOT, 'router-config.yaml'), { env: {} });
    expect([...config.endpoints.keys()]).toEqual(['backend-a', 'backend-b']);
    expect(config.keywordRules.length).toBeGreaterThan(0);
    expect(config.embeddingRules.length).toBeGreaterThan(0);
    expect(config.semanticCache.enabled).toBe(true);
    expect(config.tracing.exporter.endpoint).toBe('http://otel-collector:4317');
  });

  it('as a real process: exit code 1, the message alone on stderr, nothing on stdout', () => {
    const file = write('process', { ...valid(), default_model: 'gpt-9' });
    const run = spawnSync(process.execPath, [CLI, 'router', '--config', file], { env: cleanEnv(), encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`llm-otel: invalid configuration in ${file}: default_model: found "gpt-9"; allowed: a model from model_config: m. The router does not start.\n`);
  });
});
