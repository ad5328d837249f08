/**
 * Span names and attribute keys of the router's decision spans, as the viewer reads them.
 * They follow the vLLM Semantic Router's tracing names (span `semantic_router.decision.evaluation`
 * with `decision.name`, `decision.confidence`, `routing.selected_model`, `routing.reason`), which
 * src/router emits too. No semantic convention covers routing, so they are not in semconv.ts
 * (which only mirrors the incubating package); this is their one home on the viewer's side.
 */
export const SEMANTIC_ROUTER_SPAN_PREFIX = 'semantic_router.' as const;
export const SPAN_SEMANTIC_ROUTER_DECISION_EVALUATION = 'semantic_router.decision.evaluation' as const;
export const ATTR_DECISION_NAME = 'decision.name' as const;
export const ATTR_DECISION_CONFIDENCE = 'decision.confidence' as const;
export const ATTR_ROUTING_SELECTED_MODEL = 'routing.selected_model' as const;
export const ATTR_ROUTING_REASON = 'routing.reason' as const;
