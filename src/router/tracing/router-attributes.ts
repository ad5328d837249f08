/**
 * Span names and attribute keys of the router's own spans. They are the vLLM Semantic Router's
 * (src/semantic-router/pkg/observability/tracing/tracing.go), kept so that its users recognise the
 * trace; no semantic convention covers routing decisions. They live in this file alone. The
 * upstream call's span is not here: it is the GenAI client span of our HTTP capture.
 */

export const SPAN_REQUEST_RECEIVED = 'semantic_router.request.received';
export const SPAN_SIGNAL_EVALUATION = 'semantic_router.signal.evaluation';
export const SPAN_SIGNAL_KEYWORD = 'semantic_router.signal.keyword';
export const SPAN_SIGNAL_EMBEDDING = 'semantic_router.signal.embedding';
export const SPAN_DECISION_EVALUATION = 'semantic_router.decision.evaluation';
export const SPAN_PLUGIN_EXECUTION = 'semantic_router.plugin.execution';

/** string: the request's `x-request-id` (generated when the caller sent none). */
export const ATTR_REQUEST_ID = 'request.id';
/** string: `keyword` or `embedding`. */
export const ATTR_SIGNAL_TYPE = 'signal.type';
/** string[]: names of the rules of this signal that matched. */
export const ATTR_SIGNAL_MATCHED_RULES = 'signal.matched_rules';
/** double: the best match's confidence (1 for keywords, the similarity for embeddings). */
export const ATTR_SIGNAL_CONFIDENCE = 'signal.confidence';
export const ATTR_DECISION_NAME = 'decision.name';
export const ATTR_DECISION_CONFIDENCE = 'decision.confidence';
/** string[]: `type:name` of the conditions that held for the chosen decision. */
export const ATTR_DECISION_MATCHED_RULES = 'decision.matched_rules';
export const ATTR_DECISION_STRATEGY = 'decision.strategy';
export const ATTR_ROUTING_ORIGINAL_MODEL = 'routing.original_model';
export const ATTR_ROUTING_SELECTED_MODEL = 'routing.selected_model';
/** string: why that model: `decision`, `default_model` (nothing matched) or `requested_model`. */
export const ATTR_ROUTING_REASON = 'routing.reason';
/** string: `system_prompt` or `response_cache` (the vLLM router's names for these plugins). */
export const ATTR_PLUGIN_TYPE = 'plugin.type';
/** string: `success`, `skipped` or `error`. */
export const ATTR_PLUGIN_STATUS = 'plugin.status';
/** string: for the cache, `cache_hit` or `cache_miss`. */
export const ATTR_PLUGIN_RESULT = 'plugin.result';
export const ATTR_CACHE_HIT = 'cache.hit';
/** string: sha256 of the normalised request; never the prompt (the vLLM router records the text). */
export const ATTR_CACHE_KEY = 'cache.key';
export const ATTR_CACHE_THRESHOLD = 'cache.threshold';
/** double: similarity of the entry that answered, for a hit by embedding. */
export const ATTR_CACHE_SIMILARITY = 'cache.similarity';
/** string: the model the upstream call asked for (on the upstream span). */
export const ATTR_MODEL_NAME = 'model.name';
export const ATTR_ENDPOINT_NAME = 'endpoint.name';
/** string: `address:port` of the endpoint the call went to. */
export const ATTR_ENDPOINT_ADDRESS = 'endpoint.address';

/** Values of ATTR_PLUGIN_TYPE. */
export const PLUGIN_TYPE_SYSTEM_PROMPT = 'system_prompt';
export const PLUGIN_TYPE_RESPONSE_CACHE = 'response_cache';

/** Router metrics (OpenTelemetry instruments; the vLLM router exports Prometheus series instead). */
export const METRIC_ROUTER_REQUESTS = 'llm_otel.router.requests';
export const METRIC_ROUTER_CACHE_HITS = 'llm_otel.router.cache.hits';
export const METRIC_ROUTER_DECISIONS = 'llm_otel.router.decisions';
export const METRIC_ROUTER_UPSTREAM_DURATION = 'llm_otel.router.upstream.duration';
