/**
 * The router's validated model of `router-config.yaml`. Key names in the file follow the vLLM
 * Semantic Router's v0.1 configuration where the two overlap (see the README's configuration
 * reference); here they are camelCase and cross-checked (every name refers to something defined).
 */
import type { TracingConfig } from '../../config/types.js';

export type KeywordOperator = 'OR' | 'AND' | 'NOR';
export type RuleOperator = 'AND' | 'OR';
export type AggregationMethod = 'max' | 'avg' | 'any';
export type EvictionPolicy = 'fifo' | 'lru';
export type ReasoningEffort = 'low' | 'medium' | 'high';

export interface EndpointConfig {
  readonly name: string;
  /** `http://address:port`, the base the OpenAI paths (`/v1/chat/completions`) are added to. */
  readonly origin: string;
  readonly address: string;
  readonly port: number;
  readonly weight: number;
  /** Name of the environment variable holding the endpoint's API key; never the key itself. */
  readonly apiKeyEnv?: string;
  /** Bound on one attempt, from the request to the last byte of the response. */
  readonly timeoutMs: number;
}

export interface ModelConfig {
  readonly name: string;
  readonly preferredEndpoints: readonly string[];
  readonly reasoningFamily?: string;
}

export interface KeywordRule {
  readonly name: string;
  readonly operator: KeywordOperator;
  /** The `keywords` of the file, compiled as regular expressions. */
  readonly patterns: readonly RegExp[];
}

export interface EmbeddingRule {
  readonly name: string;
  readonly threshold: number;
  readonly aggregationMethod: AggregationMethod;
  /** Example utterances; a query similar enough to them matches. */
  readonly candidates: readonly string[];
}

export interface EmbeddingEndpointConfig {
  /** e.g. `https://api.openai.com/v1`; `/embeddings` is added. */
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKeyEnv?: string;
  readonly dimensions?: number;
  readonly timeoutMs: number;
}

export interface RuleCondition {
  readonly type: 'keyword' | 'embedding';
  readonly name: string;
}

export interface ModelRef {
  readonly model: string;
  readonly useReasoning?: boolean;
  readonly reasoningEffort?: ReasoningEffort;
}

export interface SystemPromptPlugin {
  readonly type: 'system_prompt';
  readonly enabled: boolean;
  readonly systemPrompt: string;
  /** `replace` the request's system message, or `insert` ours before it. */
  readonly mode: 'replace' | 'insert';
}

export interface SemanticCachePlugin {
  readonly type: 'semantic-cache';
  readonly enabled: boolean;
  readonly similarityThreshold?: number;
}

export type DecisionPlugin = SystemPromptPlugin | SemanticCachePlugin;

export interface Decision {
  readonly name: string;
  readonly priority: number;
  readonly operator: RuleOperator;
  readonly conditions: readonly RuleCondition[];
  readonly modelRefs: readonly ModelRef[];
  readonly plugins: readonly DecisionPlugin[];
}

export interface ReasoningFamily {
  /** `chat_template_kwargs` (vLLM's `enable_thinking`-style switch) or a top-level `reasoning_effort`. */
  readonly type: 'chat_template_kwargs' | 'reasoning_effort';
  readonly parameter: string;
}

export interface SemanticCacheConfig {
  readonly enabled: boolean;
  readonly similarityThreshold: number;
  readonly maxEntries: number;
  /** Bound on the cached responses' total size, in bytes (ours; the vLLM router bounds entries only). */
  readonly maxBytes: number;
  readonly ttlSeconds: number;
  readonly evictionPolicy: EvictionPolicy;
}

export interface RouterLimits {
  /** Largest request body accepted, in bytes; larger gets 413. */
  readonly maxBodyBytes: number;
  /** How long an endpoint that failed is skipped. */
  readonly endpointCooldownMs: number;
  /** On SIGTERM, how long in-flight requests may take before their connections are closed. */
  readonly shutdownGraceMs: number;
}

export interface RouterConfig {
  /** Absolute path of the file. */
  readonly source: string;
  readonly tracing: TracingConfig;
  /** `observability.metrics.enabled`: the router's own metrics (they go out with the tracing block's exporter). */
  readonly routerMetrics: boolean;
  readonly endpoints: ReadonlyMap<string, EndpointConfig>;
  readonly models: ReadonlyMap<string, ModelConfig>;
  readonly defaultModel: string;
  /** Model names that ask for classification: `auto_model_name` and `auto`. */
  readonly autoModelNames: ReadonlySet<string>;
  readonly keywordRules: readonly KeywordRule[];
  readonly embeddingRules: readonly EmbeddingRule[];
  readonly embeddingEndpoint?: EmbeddingEndpointConfig;
  readonly strategy: 'priority';
  readonly decisions: readonly Decision[];
  readonly reasoningFamilies: ReadonlyMap<string, ReasoningFamily>;
  readonly defaultReasoningEffort: ReasoningEffort;
  readonly semanticCache: SemanticCacheConfig;
  readonly limits: RouterLimits;
}
