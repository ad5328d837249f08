import type { Attributes } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '@opentelemetry/semantic-conventions';
import type { CompletedExchange } from '../capture/types.js';
import {
  ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_MODEL,
} from '../semconv.js';

/**
 * The attributes every GenAI client metric carries (operation, provider, request and response
 * model, server address and port). Only low-cardinality values: never ids or the URL path.
 */
export function exchangeMetricAttributes(exchange: CompletedExchange): Attributes {
  const { url } = exchange;
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: exchange.request.operation,
    [ATTR_GEN_AI_PROVIDER_NAME]: exchange.request.provider,
    [ATTR_SERVER_ADDRESS]: url.hostname,
    [ATTR_SERVER_PORT]: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80,
  };
  if (exchange.request.model) attributes[ATTR_GEN_AI_REQUEST_MODEL] = exchange.request.model;
  if (exchange.response.responseModel) attributes[ATTR_GEN_AI_RESPONSE_MODEL] = exchange.response.responseModel;
  return attributes;
}

/** The common attributes plus `error.type` when the call failed (duration metrics take it). */
export function withErrorType(attributes: Attributes, exchange: CompletedExchange): Attributes {
  return exchange.errorType ? { ...attributes, [ATTR_ERROR_TYPE]: exchange.errorType } : attributes;
}
