import type { Attributes } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '@opentelemetry/semantic-conventions';
import type { CompletedExchange } from '../capture/types.js';
import {
  ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_MODEL,
} from '../semconv.js';
import { seriesAttributes, type SeriesValue } from './series-histogram.js';

/**
 * The attributes every GenAI client metric carries (operation, provider, server address and port,
 * request and response model), in the order `exchangeMetricValues` gives their values. Only
 * low-cardinality values: never ids or the URL path.
 */
export const EXCHANGE_METRIC_KEYS: readonly string[] = [
  ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT,
  ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_MODEL,
];

/** The values of `EXCHANGE_METRIC_KEYS` for one call; a model that is not known is left out. */
export function exchangeMetricValues(exchange: CompletedExchange): SeriesValue[] {
  const { url } = exchange;
  return [
    exchange.request.operation,
    exchange.request.provider,
    url.hostname,
    url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80,
    exchange.request.model || undefined,
    exchange.response.responseModel || undefined,
  ];
}

export function exchangeMetricAttributes(exchange: CompletedExchange): Attributes {
  return seriesAttributes(EXCHANGE_METRIC_KEYS, exchangeMetricValues(exchange));
}

/** The common attributes plus `error.type` when the call failed (duration metrics take it). */
export function withErrorType(attributes: Attributes, exchange: CompletedExchange): Attributes {
  return exchange.errorType ? { ...attributes, [ATTR_ERROR_TYPE]: exchange.errorType } : attributes;
}
