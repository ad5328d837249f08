import { context, type Context, type Span, type Tracer } from '@opentelemetry/api';

import type { Decision, RouterConfig } from './config/router-config.js';
import { decideByPriority } from './decision/priority-decision.js';
import type { EmbeddingSignal } from './signals/embedding-signal.js';
import { evaluateKeywordRules } from './signals/keyword-signal.js';
import type { SignalMatches, SignalResults } from './signals/signal-matches.js';
import {
  ATTR_DECISION_CONFIDENCE, ATTR_DECISION_MATCHED_RULES, ATTR_DECISION_NAME, ATTR_DECISION_STRATEGY,
  ATTR_ROUTING_ORIGINAL_MODEL, ATTR_ROUTING_REASON, ATTR_ROUTING_SELECTED_MODEL, ATTR_SIGNAL_CONFIDENCE,
  ATTR_SIGNAL_MATCHED_RULES, ATTR_SIGNAL_TYPE, SPAN_DECISION_EVALUATION, SPAN_SIGNAL_EMBEDDING, SPAN_SIGNAL_EVALUATION,
  SPAN_SIGNAL_KEYWORD,
} from './tracing/router-attributes.js';
import { endStageWithError, startStage } from './tracing/stage-span.js';

export type RoutingReason = 'decision' | 'default_model' | 'requested_model';

export interface Route {
  readonly model: string;
  readonly reason: RoutingReason;
  readonly decision?: Decision;
}

export interface ClassifyInput {
  readonly tracer: Tracer;
  /** The request span's context: the signal and decision stages are its children. */
  readonly context: Context;
  readonly config: RouterConfig;
  readonly embeddingSignal?: EmbeddingSignal;
  readonly originalModel: string;
  readonly query: string;
  /** The query's embedding, computed at most once per request (the cache may need it too). */
  readonly queryVector: () => Promise<readonly number[]>;
}

/**
 * Classification of an `auto` request: the signal evaluation stage (one child span per signal
 * type, evaluated side by side), then the decision stage. A signal that fails (embeddings API
 * down) counts as no match and is marked on its span; routing then falls back, never fails.
 */
export async function classifyRequest(input: ClassifyInput): Promise<Route> {
  const { tracer, config } = input;
  const evaluation = startStage(tracer, input.context, SPAN_SIGNAL_EVALUATION);
  const keywordStage = startStage(tracer, evaluation.context, SPAN_SIGNAL_KEYWORD, { [ATTR_SIGNAL_TYPE]: 'keyword' });
  const keyword = evaluateKeywordRules(config.keywordRules, input.query);
  endSignal(keywordStage.span, keyword);
  let embedding: SignalMatches = new Map();
  if (input.embeddingSignal?.hasRules) {
    const embeddingStage = startStage(tracer, evaluation.context, SPAN_SIGNAL_EMBEDDING, { [ATTR_SIGNAL_TYPE]: 'embedding' });
    try {
      // The embeddings call runs in the stage's context, so its client span is the stage's child.
      const vector = await context.with(embeddingStage.context, input.queryVector);
      embedding = await input.embeddingSignal.evaluate(vector);
      endSignal(embeddingStage.span, embedding);
    } catch (error) {
      endStageWithError(embeddingStage.span, error);
    }
  }
  evaluation.span.end();

  const signals: SignalResults = { keyword, embedding };
  const decisionStage = startStage(tracer, input.context, SPAN_DECISION_EVALUATION, {
    [ATTR_DECISION_STRATEGY]: config.strategy,
    [ATTR_ROUTING_ORIGINAL_MODEL]: input.originalModel,
  });
  const result = decideByPriority(config.decisions, signals);
  const route: Route = result
    ? { model: result.decision.modelRefs[0]!.model, reason: 'decision', decision: result.decision }
    : { model: config.defaultModel, reason: 'default_model' };
  if (result) {
    decisionStage.span.setAttributes({
      [ATTR_DECISION_NAME]: result.decision.name,
      [ATTR_DECISION_CONFIDENCE]: result.confidence,
      [ATTR_DECISION_MATCHED_RULES]: [...result.matchedRules],
    });
  }
  decisionStage.span.setAttributes({ [ATTR_ROUTING_SELECTED_MODEL]: route.model, [ATTR_ROUTING_REASON]: route.reason });
  decisionStage.span.end();
  return route;
}

function endSignal(span: Span, matches: SignalMatches): void {
  span.setAttributes({
    [ATTR_SIGNAL_MATCHED_RULES]: [...matches.keys()],
    [ATTR_SIGNAL_CONFIDENCE]: matches.size === 0 ? 0 : Math.max(...matches.values()),
  });
  span.end();
}
