import type { LlmHttpInstrumentation } from '../../capture/llm-http-instrumentation.js';
import type { RouterConfig } from '../config/router-config.js';
import { ATTR_ENDPOINT_ADDRESS, ATTR_ENDPOINT_NAME, ATTR_MODEL_NAME } from './router-attributes.js';

/**
 * The upstream CLIENT spans are our capture's GenAI spans; this adds the vLLM router's names for
 * the endpoint and model (`endpoint.name`, `endpoint.address`, `model.name`) to those that went to a
 * configured endpoint. It runs as an exchange listener: called for every finished LLM call just
 * before its span ends, failed attempts included.
 */
export function annotateUpstreamSpans(instrumentation: LlmHttpInstrumentation, config: RouterConfig): void {
  const byOrigin = new Map([...config.endpoints.values()].map((endpoint) => [endpoint.origin, endpoint]));
  instrumentation.addExchangeListener((exchange) => {
    const endpoint = byOrigin.get(exchange.url.origin);
    if (!endpoint || !exchange.span.isRecording()) return;
    exchange.span.setAttributes({
      [ATTR_ENDPOINT_NAME]: endpoint.name,
      [ATTR_ENDPOINT_ADDRESS]: `${endpoint.address}:${endpoint.port}`,
      ...(exchange.request.model !== undefined && { [ATTR_MODEL_NAME]: exchange.request.model }),
    });
  });
}
