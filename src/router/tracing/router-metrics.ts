import type { Attributes, Meter } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';

import {
  ATTR_CACHE_HIT, ATTR_DECISION_NAME, ATTR_ENDPOINT_NAME, ATTR_ROUTING_SELECTED_MODEL, METRIC_ROUTER_CACHE_HITS,
  METRIC_ROUTER_DECISIONS, METRIC_ROUTER_REQUESTS, METRIC_ROUTER_UPSTREAM_DURATION,
} from './router-attributes.js';

/** Seconds; the GenAI operation-duration boundaries, since an upstream call is one. */
const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

/** The router's OpenTelemetry metrics; they go out through the same meter provider as the GenAI ones. */
export class RouterMetrics {
  private readonly requests;
  private readonly cacheHits;
  private readonly decisions;
  private readonly upstreamDuration;

  constructor(meter: Meter) {
    this.requests = meter.createCounter(METRIC_ROUTER_REQUESTS, { description: 'Requests the router answered', unit: '{request}' });
    this.cacheHits = meter.createCounter(METRIC_ROUTER_CACHE_HITS, { description: 'Requests answered from the response cache', unit: '{request}' });
    this.decisions = meter.createCounter(METRIC_ROUTER_DECISIONS, { description: 'Routing decisions taken for auto requests', unit: '{decision}' });
    this.upstreamDuration = meter.createHistogram(METRIC_ROUTER_UPSTREAM_DURATION, {
      description: 'Duration of upstream attempts, to the end of the response body',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
  }

  request(status: number, selectedModel: string | undefined, decision: string | undefined, cacheHit: boolean): void {
    const attributes: Attributes = { [ATTR_HTTP_RESPONSE_STATUS_CODE]: status, [ATTR_CACHE_HIT]: cacheHit };
    if (selectedModel) attributes[ATTR_ROUTING_SELECTED_MODEL] = selectedModel;
    if (decision) attributes[ATTR_DECISION_NAME] = decision;
    this.requests.add(1, attributes);
    if (cacheHit) this.cacheHits.add(1, selectedModel ? { [ATTR_ROUTING_SELECTED_MODEL]: selectedModel } : {});
  }

  decision(name: string | undefined, selectedModel: string): void {
    this.decisions.add(1, { [ATTR_DECISION_NAME]: name ?? 'default', [ATTR_ROUTING_SELECTED_MODEL]: selectedModel });
  }

  upstream(endpoint: string, model: string, seconds: number, errorType?: string): void {
    const attributes: Attributes = { [ATTR_ENDPOINT_NAME]: endpoint, [ATTR_ROUTING_SELECTED_MODEL]: model };
    if (errorType) attributes[ATTR_ERROR_TYPE] = errorType;
    this.upstreamDuration.record(seconds, attributes);
  }
}
