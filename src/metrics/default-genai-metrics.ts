import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import type { CompletedExchange } from '../capture/types.js';
import {
  ATTR_GEN_AI_TOKEN_TYPE, GEN_AI_TOKEN_TYPE_VALUE_INPUT, GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION, METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from '../semconv.js';
import { DURATION_SECONDS_BUCKETS, TOKEN_COUNT_BUCKETS } from './bucket-boundaries.js';
import { EXCHANGE_METRIC_KEYS, exchangeMetricValues } from './exchange-metric-attributes.js';
import type { HistogramFactory } from './series-histogram.js';

/**
 * The GenAI client metrics as `@opentelemetry/semantic-conventions` 1.45 names them:
 * - `gen_ai.client.operation.duration` for every call, with `error.type` when it failed;
 * - `gen_ai.client.token.usage` once per token type the response reported (the conventions say
 *   an instrumentation that cannot read a count MUST NOT report it, so a missing count is skipped);
 * - `gen_ai.client.operation.time_to_first_chunk` for streamed calls only.
 */
export function defaultGenAiMetrics(histogram: HistogramFactory): (exchange: CompletedExchange) => void {
  const duration = histogram({
    name: METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
    description: 'GenAI operation duration.',
    unit: 's',
    boundaries: DURATION_SECONDS_BUCKETS,
    keys: [...EXCHANGE_METRIC_KEYS, ATTR_ERROR_TYPE],
  });
  const tokenUsage = histogram({
    name: METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
    description: 'Number of input and output tokens used.',
    unit: '{token}',
    boundaries: TOKEN_COUNT_BUCKETS,
    keys: [...EXCHANGE_METRIC_KEYS, ATTR_GEN_AI_TOKEN_TYPE],
  });
  const timeToFirstChunk = histogram({
    name: METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
    description: 'Time to receive the first chunk of a streamed response.',
    unit: 's',
    boundaries: DURATION_SECONDS_BUCKETS,
    keys: EXCHANGE_METRIC_KEYS,
  });

  return (exchange) => {
    const values = exchangeMetricValues(exchange);
    values.push(exchange.errorType || undefined);
    duration.record(exchange.durationSeconds, values);
    const usage = exchange.response.usage;
    if (usage?.inputTokens !== undefined) {
      values[values.length - 1] = GEN_AI_TOKEN_TYPE_VALUE_INPUT;
      tokenUsage.record(usage.inputTokens, values);
    }
    if (usage?.outputTokens !== undefined) {
      values[values.length - 1] = GEN_AI_TOKEN_TYPE_VALUE_OUTPUT;
      tokenUsage.record(usage.outputTokens, values);
    }
    // The last value is beyond this histogram's keys: ignored.
    if (exchange.timeToFirstChunkSeconds !== undefined) timeToFirstChunk.record(exchange.timeToFirstChunkSeconds, values);
  };
}
