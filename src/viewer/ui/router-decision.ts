import {
  ATTR_DECISION_CONFIDENCE,
  ATTR_DECISION_NAME,
  ATTR_ROUTING_REASON,
  ATTR_ROUTING_SELECTED_MODEL,
  SPAN_DECISION_EVALUATION,
} from '../../router/tracing/router-attributes.js';
import type { ReceivedAttributes } from '../received-telemetry.js';

/** `semantic_router.`: every router span name starts with it (the vLLM Semantic Router's names). */
const SEMANTIC_ROUTER_SPAN_PREFIX = `${SPAN_DECISION_EVALUATION.split('.')[0]}.`;

export interface RouterDecision {
  name?: string;
  confidence?: number;
  selectedModel?: string;
  reason?: string;
  /** Other decision.* / routing.* / semantic_router.* attributes, shown after the headline. */
  details: Array<[string, string]>;
}

const DECISION_PREFIXES = ['decision.', 'routing.', SEMANTIC_ROUTER_SPAN_PREFIX];
const HEADLINE = new Set<string>([ATTR_DECISION_NAME, ATTR_DECISION_CONFIDENCE, ATTR_ROUTING_SELECTED_MODEL, ATTR_ROUTING_REASON]);

/** A router span (`semantic_router.*`) with decision or routing attributes, read as a decision. */
export function routerDecision(spanName: string, attributes: ReceivedAttributes): RouterDecision | undefined {
  if (!spanName.startsWith(SEMANTIC_ROUTER_SPAN_PREFIX)) return undefined;
  const str = (key: string) => (attributes[key] === undefined ? undefined : String(attributes[key]));
  const confidence = Number(attributes[ATTR_DECISION_CONFIDENCE]);
  const decision: RouterDecision = {
    name: str(ATTR_DECISION_NAME),
    confidence: Number.isFinite(confidence) && attributes[ATTR_DECISION_CONFIDENCE] !== undefined ? confidence : undefined,
    selectedModel: str(ATTR_ROUTING_SELECTED_MODEL),
    reason: str(ATTR_ROUTING_REASON),
    details: Object.entries(attributes)
      .filter(([key]) => !HEADLINE.has(key) && DECISION_PREFIXES.some((prefix) => key.startsWith(prefix)))
      .map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : String(value)]),
  };
  const hasAny = decision.name ?? decision.selectedModel ?? decision.reason ?? decision.confidence ?? decision.details.length;
  return hasAny ? decision : undefined;
}

/** Keys the decision card shows, so the attribute list does not repeat them. */
export function isDecisionKey(key: string): boolean {
  return HEADLINE.has(key);
}
