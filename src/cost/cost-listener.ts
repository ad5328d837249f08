import type { CompletedExchange, ExchangeListener } from '../capture/types.js';
import { reportOnce } from '../diagnostics/report-once.js';
import { ATTR_LLM_OTEL_COST_USD } from '../spans/llm-otel-attributes.js';
import { llmCallCostUsd } from './llm-call-cost.js';

/**
 * An exchange listener that puts `llm_otel.cost.usd` on each recorded LLM span whose provider
 * and model the price table knows. Add it with `instrumentation.addExchangeListener(...)`; the
 * `--import llm-otel/register` entry does that itself.
 */
export function createCostListener(): ExchangeListener {
  return (exchange: CompletedExchange) => {
    if (!exchange.span.isRecording()) return;
    try {
      const cost = llmCallCostUsd({
        provider: exchange.request.provider,
        responseModel: exchange.response.responseModel,
        requestModel: exchange.request.model,
        usage: exchange.response.usage,
      });
      if (cost !== undefined && Number.isFinite(cost)) exchange.span.setAttribute(ATTR_LLM_OTEL_COST_USD, cost);
    } catch (error) {
      reportOnce('pricing an LLM call', error);
    }
  };
}
