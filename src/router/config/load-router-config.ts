/**
 * Reads `router-config.yaml` into one validated, frozen RouterConfig. The tracing block goes
 * through config/ exactly as the instrumentation reads it (the file is named to it as
 * $LLM_OTEL_CONFIG, so the environment overrides it the same way); the rest through the router's
 * schema. Every problem is a ConfigError (file, key path, found, allowed); the caller refuses to start.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { parse } from 'yaml';

import { ConfigError } from '../../config/config-error.js';
import { configErrorFromIssues } from '../../config/config-error-from-issues.js';
import { deepFreeze } from '../../config/deep-freeze.js';
import { loadTracingConfig } from '../../config/load-config.js';
import { DEFAULT_SERVICE_NAME } from '../../config/defaults.js';
import type { TracingConfig } from '../../config/types.js';
import {
  LOCAL_EMBEDDING_MODEL_KEYS, LOCAL_MODEL_TOP_LEVEL_KEYS, ROUTE_WITHOUT_LOCAL_MODELS, needsLocalModels,
} from './local-model-keys.js';
import type { DecisionPlugin, RouterConfig } from './router-config.js';
import { AUTO_MODEL_NAME, routerFileSchema, type RouterFile } from './router-config-schema.js';

/** The service name of the router's spans unless the file or OTEL_SERVICE_NAME names one. */
const ROUTER_SERVICE_NAME = 'llm-otel-router';

export interface LoadRouterConfigOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** @throws {ConfigError} */
export function loadRouterConfig(file: string, options: LoadRouterConfigOptions = {}): RouterConfig {
  const env = options.env ?? process.env;
  const path = resolve(options.cwd ?? process.cwd(), file);
  readConfigFile(path);
  // YAML syntax and the tracing block are checked by config/, with its messages.
  const tracing = withRouterServiceName(loadTracingConfig({ env: { ...env, LLM_OTEL_CONFIG: path } }), env);
  const raw: unknown = parse(readConfigFile(path));
  refuseLocalModelKeys(raw, path);
  const parsed = routerFileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw hidingKeys(configErrorFromIssues(parsed.error.issues, path, [], raw));
  return deepFreeze(toRouterConfig(parsed.data, path, tracing));
}

/**
 * A bad `api_key_env` is often the key itself pasted in place of a variable name; the message
 * must not print it (logs are read by more people than the key's owner).
 */
function hidingKeys(error: ConfigError): ConfigError {
  if (!/(^|\.)api_key_env$/.test(error.keyPath) || error.found === 'nothing') return error;
  return new ConfigError({
    file: error.file, keyPath: error.keyPath, allowed: error.allowed, moreIssues: error.moreIssues,
    found: 'a value that is not a variable name (not shown, in case it is the key itself)',
  });
}

function readConfigFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError({
      file: path,
      keyPath: '(file)',
      found: code === 'ENOENT' ? 'no such file' : (error as Error).message,
      allowed: 'a readable YAML file (the path given to --config)',
    });
  }
}

function withRouterServiceName(tracing: TracingConfig, env: NodeJS.ProcessEnv): TracingConfig {
  // config/ fills in the SDK's `unknown_service:node`; a router is better named as such.
  if (tracing.resource.serviceName !== DEFAULT_SERVICE_NAME || env.OTEL_SERVICE_NAME) return tracing;
  return { ...tracing, resource: { ...tracing.resource, serviceName: ROUTER_SERVICE_NAME } };
}

/** Keys of the vLLM router that configure local ML models get their own message, before zod's. */
function refuseLocalModelKeys(raw: unknown, file: string): void {
  if (!isMapping(raw)) return;
  for (const key of Object.keys(raw)) {
    const what = LOCAL_MODEL_TOP_LEVEL_KEYS.get(key);
    if (what) throw localModelError(file, key, key, what);
  }
  const embeddingModels = raw.embedding_models;
  if (!isMapping(embeddingModels)) return;
  for (const key of Object.keys(embeddingModels)) {
    const what = LOCAL_EMBEDDING_MODEL_KEYS.get(key);
    if (what) throw localModelError(file, `embedding_models.${key}`, key, what);
  }
}

function localModelError(file: string, keyPath: string, key: string, what: string): ConfigError {
  return new ConfigError({
    file,
    keyPath,
    found: `the key ${JSON.stringify(key)}, which ${needsLocalModels(what)}`,
    allowed: ROUTE_WITHOUT_LOCAL_MODELS,
  });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function toRouterConfig(file: RouterFile, source: string, tracing: TracingConfig): RouterConfig {
  const cache = file.semantic_cache;
  const endpoint = file.embedding_models?.endpoint;
  return {
    source,
    tracing,
    routerMetrics: file.observability.metrics.enabled,
    endpoints: new Map(
      file.vllm_endpoints.map((e) => {
        const host = e.address.includes(':') && !e.address.startsWith('[') ? `[${e.address}]` : e.address;
        return [e.name, {
          name: e.name, address: e.address, port: e.port, origin: `http://${host}:${e.port}`, weight: e.weight,
          timeoutMs: e.timeout_ms, ...(e.api_key_env !== undefined && { apiKeyEnv: e.api_key_env }),
        }];
      }),
    ),
    models: new Map(
      Object.entries(file.model_config).map(([name, m]) => [name, {
        name, preferredEndpoints: m.preferred_endpoints, ...(m.reasoning_family !== undefined && { reasoningFamily: m.reasoning_family }),
      }]),
    ),
    defaultModel: file.default_model,
    autoModelNames: new Set([file.auto_model_name, AUTO_MODEL_NAME]),
    keywordRules: file.keyword_rules.map((rule) => ({
      name: rule.name,
      operator: rule.operator,
      patterns: rule.keywords.map((keyword) => new RegExp(keyword, rule.case_sensitive ? '' : 'i')),
    })),
    embeddingRules: file.embedding_rules.map((rule) => ({
      name: rule.name, threshold: rule.threshold, aggregationMethod: rule.aggregation_method,
      candidates: rule.candidates ?? rule.keywords ?? [],
    })),
    ...(endpoint && {
      embeddingEndpoint: {
        baseUrl: endpoint.base_url.replace(/\/+$/, ''), model: endpoint.model, timeoutMs: endpoint.timeout_ms,
        ...(endpoint.api_key_env !== undefined && { apiKeyEnv: endpoint.api_key_env }),
        ...(endpoint.dimensions !== undefined && { dimensions: endpoint.dimensions }),
      },
    }),
    strategy: file.strategy,
    decisions: file.decisions.map((d) => ({
      name: d.name,
      priority: d.priority,
      operator: d.rules.operator,
      conditions: d.rules.conditions,
      modelRefs: d.modelRefs.map((ref) => ({
        model: ref.model,
        ...(ref.use_reasoning !== undefined && { useReasoning: ref.use_reasoning }),
        ...(ref.reasoning_effort !== undefined && { reasoningEffort: ref.reasoning_effort }),
      })),
      plugins: d.plugins.map(toPlugin),
    })),
    reasoningFamilies: new Map(Object.entries(file.reasoning_families)),
    defaultReasoningEffort: file.default_reasoning_effort,
    semanticCache: {
      enabled: cache.enabled, similarityThreshold: cache.similarity_threshold, maxEntries: cache.max_entries,
      maxBytes: cache.max_bytes, ttlSeconds: cache.ttl_seconds, evictionPolicy: cache.eviction_policy,
    },
    limits: {
      maxBodyBytes: file.router.max_body_bytes,
      endpointCooldownMs: file.router.endpoint_cooldown_ms,
      shutdownGraceMs: file.router.shutdown_grace_ms,
    },
  };
}

type ParsedPlugin = RouterFile['decisions'][number]['plugins'][number];

function toPlugin(plugin: ParsedPlugin): DecisionPlugin {
  if (plugin.type === 'system_prompt') {
    const c = plugin.configuration as { enabled: boolean; system_prompt: string; mode: 'replace' | 'insert' };
    return { type: 'system_prompt', enabled: c.enabled, systemPrompt: c.system_prompt, mode: c.mode };
  }
  const c = plugin.configuration as { enabled: boolean; similarity_threshold?: number };
  return { type: 'semantic-cache', enabled: c.enabled, ...(c.similarity_threshold !== undefined && { similarityThreshold: c.similarity_threshold }) };
}
