import type { Decision } from '../config/router-config.js';
import type { SignalResults } from '../signals/signal-matches.js';

export interface DecisionResult {
  readonly decision: Decision;
  readonly confidence: number;
  /** `type:name` of the conditions that held. */
  readonly matchedRules: readonly string[];
}

/**
 * `strategy: priority`: of the decisions whose rules hold, the one with the highest priority wins;
 * equal priorities go to the one written first. AND needs every condition, OR one; the confidence
 * is the weakest condition's for AND and the strongest's for OR.
 */
export function decideByPriority(decisions: readonly Decision[], signals: SignalResults): DecisionResult | undefined {
  let best: DecisionResult | undefined;
  for (const decision of decisions) {
    const held: Array<{ rule: string; confidence: number }> = [];
    for (const condition of decision.conditions) {
      const confidence = signals[condition.type].get(condition.name);
      if (confidence !== undefined) held.push({ rule: `${condition.type}:${condition.name}`, confidence });
    }
    const matched = decision.operator === 'AND' ? held.length === decision.conditions.length : held.length > 0;
    if (!matched) continue;
    if (best && best.decision.priority >= decision.priority) continue;
    const confidences = held.map((h) => h.confidence);
    best = {
      decision,
      confidence: decision.operator === 'AND' ? Math.min(...confidences) : Math.max(...confidences),
      matchedRules: held.map((h) => h.rule),
    };
  }
  return best;
}
