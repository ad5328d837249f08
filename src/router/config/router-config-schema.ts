/**
 * The zod schema of `router-config.yaml` outside `observability.tracing` (which config/ validates,
 * the same block the instrumentation reads). Key names follow the vLLM Semantic Router's v0.1
 * configuration (src/semantic-router/pkg/config/config.go at tag v0.1.0) where they overlap; the
 * README lists where ours differ. Cross-references (a decision naming a rule, a model naming an
 * endpoint) are checked at the end, so every name in a file that loads refers to something defined.
 */
import { z } from 'zod';

import { LOCAL_MODEL_CONDITION_TYPES, LOCAL_MODEL_PLUGIN_TYPES, needsLocalModels } from './local-model-keys.js';
import {
  A_BOOLEAN, allowed, block, envVariableName, nonEmptyString, nullAsMissing, oneOf, positiveInteger, ratio,
} from './schema-helpers.js';

const DEFAULT_AUTO_MODEL_NAME = 'MoM';
/** Always accepted as a request for classification, whatever `auto_model_name` says. */
export const AUTO_MODEL_NAME = 'auto';

const KEYWORD_OPERATORS = ['OR', 'AND', 'NOR'] as const;
const RULE_OPERATORS = ['AND', 'OR'] as const;
const AGGREGATION_METHODS = ['max', 'avg', 'any'] as const;
const CONDITION_TYPES = ['keyword', 'embedding'] as const;
const PLUGIN_TYPES = ['system_prompt', 'semantic-cache'] as const;
const EVICTION_POLICIES = ['fifo', 'lru'] as const;
const REASONING_EFFORTS = ['low', 'medium', 'high'] as const;
const REASONING_FAMILY_TYPES = ['chat_template_kwargs', 'reasoning_effort'] as const;

const A_NAME = 'a non-empty string';
const A_PORT = 'a whole number from 1 to 65535';
const A_DURATION_MS = 'a positive whole number of milliseconds';
// An address is a host for http://address:port: no scheme, path or port of its own.
const ADDRESS = /^(\[[0-9a-f:.]+\]|[0-9a-z_.-]+|[0-9a-f:]+)$/i;
const ADDRESS_ALLOWED = 'a host name or IP address, without scheme, port or path (the port has its own key)';

/** A list of strings, at least one. */
const stringList = (text: string) => z.array(nonEmptyString(text), allowed(`a list of ${text}s`)).min(1, allowed(`a list of at least one ${text}`));

/** An enum whose error names the vLLM-only values that need local models. */
function typeEnum<const Values extends readonly [string, ...string[]]>(values: Values, localOnly: ReadonlyMap<string, string>) {
  return z.enum(values, {
    error: (issue) => {
      const why = typeof issue.input === 'string' ? localOnly.get(issue.input) : undefined;
      return why ? `${oneOf(values)} (type ${issue.input as string} ${needsLocalModels(why)})` : oneOf(values);
    },
  });
}

const endpointSchema = block({
  name: nonEmptyString(A_NAME),
  address: z.string(allowed(ADDRESS_ALLOWED)).regex(ADDRESS, allowed(ADDRESS_ALLOWED)),
  port: z.int(allowed(A_PORT)).min(1, allowed(A_PORT)).max(65535, allowed(A_PORT)),
  // 0 marks a backup: tried only after every endpoint with a weight failed (ours; vLLM has no backups).
  weight: z.int(allowed('a whole number from 0 (0: a backup, tried last)')).min(0, allowed('a whole number from 0 (0: a backup, tried last)')).default(1),
  api_key_env: envVariableName.optional(),
  timeout_ms: positiveInteger(A_DURATION_MS).default(120_000),
});

const modelSchema = block({
  preferred_endpoints: stringList('endpoint name'),
  reasoning_family: nonEmptyString(A_NAME).optional(),
});

const keywordRuleSchema = block({
  name: nonEmptyString(A_NAME),
  operator: z.enum(KEYWORD_OPERATORS, allowed(oneOf(KEYWORD_OPERATORS))),
  keywords: stringList('regular expression'),
  case_sensitive: z.boolean(allowed(A_BOOLEAN)).default(false),
});

// v0.1 calls the example utterances `candidates` (renamed from `keywords`, which older files and
// the issue use); either is accepted, not both.
const embeddingRuleSchema = block({
  name: nonEmptyString(A_NAME),
  threshold: ratio(),
  aggregation_method: z.enum(AGGREGATION_METHODS, allowed(oneOf(AGGREGATION_METHODS))).default('max'),
  candidates: stringList('example utterance').optional(),
  keywords: stringList('example utterance').optional(),
}).superRefine((rule, ctx) => {
  if ((rule.candidates === undefined) === (rule.keywords === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['candidates'], message: 'a list of example utterances under candidates (or keywords), one of the two' });
  }
});

const embeddingEndpointSchema = block({
  base_url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL, e.g. https://api.openai.com/v1' }),
  model: nonEmptyString('an embedding model name, e.g. text-embedding-3-small'),
  api_key_env: envVariableName.optional(),
  dimensions: positiveInteger('a positive whole number').optional(),
  timeout_ms: positiveInteger(A_DURATION_MS).default(10_000),
});

const systemPromptConfiguration = block({
  enabled: z.boolean(allowed(A_BOOLEAN)).default(true),
  system_prompt: nonEmptyString('the system prompt text'),
  mode: z.enum(['replace', 'insert'], allowed(oneOf(['replace', 'insert']))).default('replace'),
});

const semanticCacheConfiguration = block({
  enabled: z.boolean(allowed(A_BOOLEAN)).default(true),
  similarity_threshold: ratio().optional(),
});

const pluginSchema = block({
  type: typeEnum(PLUGIN_TYPES, LOCAL_MODEL_PLUGIN_TYPES),
  configuration: z.unknown().optional(),
}).transform((plugin, ctx) => {
  const schema = plugin.type === 'system_prompt' ? systemPromptConfiguration : semanticCacheConfiguration;
  const parsed = schema.safeParse(plugin.configuration ?? {});
  if (!parsed.success) {
    // Re-based under `configuration`; the cast is because zod types pushed issues per code.
    for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, path: ['configuration', ...issue.path] } as never);
    return z.NEVER;
  }
  return { type: plugin.type, configuration: parsed.data };
});

const decisionSchema = block({
  name: nonEmptyString(A_NAME),
  description: z.string(allowed('a string')).optional(),
  priority: z.int(allowed('a whole number')).default(0),
  rules: block({
    operator: z.enum(RULE_OPERATORS, allowed(oneOf(RULE_OPERATORS))).default('AND'),
    conditions: z
      .array(
        block({ type: typeEnum(CONDITION_TYPES, LOCAL_MODEL_CONDITION_TYPES), name: nonEmptyString(A_NAME) }),
        allowed('a list of conditions with the keys type, name'),
      )
      .min(1, allowed('a list of at least one condition')),
  }),
  modelRefs: z
    .array(
      block({
        model: nonEmptyString('a model name from model_config'),
        use_reasoning: z.boolean(allowed(A_BOOLEAN)).optional(),
        reasoning_effort: z.enum(REASONING_EFFORTS, allowed(oneOf(REASONING_EFFORTS))).optional(),
        reasoning_description: z.string(allowed('a string')).optional(),
      }),
      allowed('a list of mappings with the keys model, use_reasoning'),
    )
    .min(1, allowed('a list of at least one model reference')),
  plugins: nullAsMissing(z.array(pluginSchema, allowed('a list of mappings with the keys type, configuration')).default([])),
});

const semanticCacheSchema = block({
  enabled: z.boolean(allowed(A_BOOLEAN)).default(false),
  backend_type: z.literal('memory', allowed('memory (the only backend of this router)')).default('memory'),
  similarity_threshold: ratio().default(0.8),
  max_entries: positiveInteger('a positive whole number').default(1000),
  max_bytes: positiveInteger('a positive whole number of bytes').default(32 * 1024 * 1024),
  ttl_seconds: positiveInteger('a positive whole number of seconds').default(3600),
  eviction_policy: z.enum(EVICTION_POLICIES, allowed(oneOf(EVICTION_POLICIES))).default('fifo'),
});

const routerLimitsSchema = block({
  max_body_bytes: positiveInteger('a positive whole number of bytes').default(4 * 1024 * 1024),
  endpoint_cooldown_ms: positiveInteger(A_DURATION_MS).default(30_000),
  shutdown_grace_ms: positiveInteger(A_DURATION_MS).default(10_000),
});

/** Optional block whose own defaults apply when it is left out or empty. */
function optionalBlock<Schema extends z.ZodType>(schema: Schema) {
  return nullAsMissing(schema.prefault({} as z.input<Schema>));
}

export const routerFileSchema = block({
  // Validated by config/ (the instrumentation's schema); here only its place is known.
  observability: optionalBlock(
    block({
      tracing: z.unknown().optional(),
      metrics: optionalBlock(block({ enabled: z.boolean(allowed(A_BOOLEAN)).default(true) })),
    }),
  ),
  vllm_endpoints: z
    .array(endpointSchema, allowed('a list of endpoints with the keys name, address, port, weight'))
    .min(1, allowed('a list of at least one endpoint')),
  model_config: z
    .record(z.string(), modelSchema, allowed('a mapping of model names to {preferred_endpoints, reasoning_family}'))
    .refine((models) => Object.keys(models).length > 0, allowed('a mapping with at least one model')),
  default_model: nonEmptyString('a model name from model_config'),
  auto_model_name: nonEmptyString(A_NAME).default(DEFAULT_AUTO_MODEL_NAME),
  keyword_rules: nullAsMissing(z.array(keywordRuleSchema, allowed('a list of keyword rules')).default([])),
  embedding_rules: nullAsMissing(z.array(embeddingRuleSchema, allowed('a list of embedding rules')).default([])),
  embedding_models: nullAsMissing(block({ endpoint: embeddingEndpointSchema }).optional()),
  strategy: z.literal('priority', allowed('priority')).default('priority'),
  decisions: nullAsMissing(z.array(decisionSchema, allowed('a list of decisions')).default([])),
  reasoning_families: nullAsMissing(
    z
      .record(
        z.string(),
        block({
          type: z.enum(REASONING_FAMILY_TYPES, allowed(oneOf(REASONING_FAMILY_TYPES))),
          parameter: nonEmptyString('a parameter name, e.g. enable_thinking'),
        }),
        allowed('a mapping of family names to {type, parameter}'),
      )
      .default({}),
  ),
  default_reasoning_effort: z.enum(REASONING_EFFORTS, allowed(oneOf(REASONING_EFFORTS))).default('high'),
  semantic_cache: optionalBlock(semanticCacheSchema),
  // Ours: limits the vLLM router sets in Envoy rather than in its own file.
  router: optionalBlock(routerLimitsSchema),
}).superRefine((file, ctx) => {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const endpointNames = new Set<string>();
  file.vllm_endpoints.forEach((endpoint, i) => {
    if (endpointNames.has(endpoint.name)) issue(['vllm_endpoints', i, 'name'], 'a name no other endpoint has');
    endpointNames.add(endpoint.name);
  });
  const endpointsList = [...endpointNames].join(', ');
  for (const [model, config] of Object.entries(file.model_config)) {
    config.preferred_endpoints.forEach((name, i) => {
      if (!endpointNames.has(name)) issue(['model_config', model, 'preferred_endpoints', i], `a name from vllm_endpoints: ${endpointsList}`);
    });
    if (config.reasoning_family !== undefined && !Object.hasOwn(file.reasoning_families, config.reasoning_family)) {
      issue(['model_config', model, 'reasoning_family'], `a family from reasoning_families: ${Object.keys(file.reasoning_families).join(', ') || '(none defined)'}`);
    }
  }
  const modelsList = Object.keys(file.model_config).join(', ');
  if (!Object.hasOwn(file.model_config, file.default_model)) issue(['default_model'], `a model from model_config: ${modelsList}`);
  if (Object.hasOwn(file.model_config, file.auto_model_name) || file.auto_model_name === AUTO_MODEL_NAME && Object.hasOwn(file.model_config, AUTO_MODEL_NAME)) {
    issue(['auto_model_name'], 'a name that is not a model in model_config');
  }
  const ruleNames = { keyword: uniqueNames(file.keyword_rules, 'keyword_rules', issue), embedding: uniqueNames(file.embedding_rules, 'embedding_rules', issue) };
  if (file.embedding_rules.length > 0 && !file.embedding_models) {
    issue(['embedding_models'], 'a mapping with endpoint: {base_url, model}, needed by embedding_rules');
  }
  uniqueNames(file.decisions, 'decisions', issue);
  file.decisions.forEach((decision, i) => {
    decision.rules.conditions.forEach((condition, j) => {
      const names = ruleNames[condition.type];
      if (!names.has(condition.name)) {
        issue(['decisions', i, 'rules', 'conditions', j, 'name'], `a rule name from ${condition.type}_rules: ${[...names].join(', ') || '(none defined)'}`);
      }
    });
    decision.modelRefs.forEach((ref, j) => {
      if (!Object.hasOwn(file.model_config, ref.model)) issue(['decisions', i, 'modelRefs', j, 'model'], `a model from model_config: ${modelsList}`);
    });
  });
  file.keyword_rules.forEach((rule, i) => {
    rule.keywords.forEach((keyword, j) => {
      try {
        new RegExp(keyword);
      } catch (error) {
        issue(['keyword_rules', i, 'keywords', j], `a valid regular expression (${(error as Error).message})`);
      }
    });
  });
});

function uniqueNames(
  items: ReadonlyArray<{ name: string }>,
  key: string,
  issue: (path: PropertyKey[], message: string) => void,
): Set<string> {
  const names = new Set<string>();
  items.forEach((item, i) => {
    if (names.has(item.name)) issue([key, i, 'name'], `a name no other entry of ${key} has`);
    names.add(item.name);
  });
  return names;
}

export type RouterFile = z.output<typeof routerFileSchema>;
