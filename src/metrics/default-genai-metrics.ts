import type { Meter } from '@opentelemetry/api';
import type { CompletedExchange } from '../capture/types.js';
import {
  ATTR_GEN_AI_TOKEN_TYPE, GEN_AI_TOKEN_TYPE_VALUE_INPUT, GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION, METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from '../semconv.js';
import { DURATION_SECONDS_BUCKETS, TOKEN_COUNT_BUCKETS } from './bucket-boundaries.js';
import { exchangeMetricAttributes, withErrorType } from './exchange-metric-attributes.js';

/**
 * The GenAI client metrics as `@opentelemetry/semantic-conventions` 1.45 names them:
 * - `gen_ai.client.operation.duration` for every call, with `error.type` when it failed;
 * - `gen_ai.client.token.usage` once per token type the response reported (the conventions say
 *   an instrumentation that cannot read a count MUST NOT report it, so a missing count is skipped);
 * - `gen_ai.client.operation.time_to_first_chunk` for streamed calls only.
 */
export function defaultGenAiMetrics(meter: Meter): (exchange: CompletedExchange) => void {
  const duration = meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, {
    description: 'GenAI operation duration.',
    unit: 's',
    advice: { explicitBucketBoundaries: [...DURATION_SECONDS_BUCKETS] },
  });
  const tokenUsage = meter.createHistogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, {
    description: 'Number of input and output tokens used.',
    unit: '{token}',
    advice: { explicitBucketBoundaries: [...TOKEN_COUNT_BUCKETS] },
  });
  const timeToFirstChunk = meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK, {
    description: 'Time to receive the first chunk of a streamed response.',
    unit: 's',
    advice: { explicitBucketBoundaries: [...DURATION_SECONDS_BUCKETS] },
  });

  return (exchange) => {
    const attributes = exchangeMetricAttributes(exchange);
    duration.record(exchange.durationSeconds, withErrorType(attributes, exchange));
    const usage = exchange.response.usage;
    if (usage?.inputTokens !== undefined) {
      tokenUsage.record(usage.inputTokens, { ...attributes, [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_INPUT });
    }
    if (usage?.outputTokens !== undefined) {
      tokenUsage.record(usage.outputTokens, { ...attributes, [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_OUTPUT });
    }
    if (exchange.timeToFirstChunkSeconds !== undefined) timeToFirstChunk.record(exchange.timeToFirstChunkSeconds, attributes);
  };
}
