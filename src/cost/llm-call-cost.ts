import { calcPrice } from '@pydantic/genai-prices';
import type { Usage } from '../providers/types.js';
import { priceTableProviderId } from './price-table-provider-ids.js';
import { pricingUsageOf, type PricingUsage } from './pricing-usage.js';

/** What is known of one LLM call when its cost is asked for. */
export interface LlmCallForCost {
  /** `gen_ai.provider.name`. */
  readonly provider: string;
  /** The model the response names (`gen_ai.response.model`), preferred: it is the one billed. */
  readonly responseModel?: string;
  /** The model asked for (`gen_ai.request.model`). */
  readonly requestModel?: string;
  readonly usage?: Usage;
}

/**
 * Models the table does not know, per provider. A miss scans the whole table (about 20 µs); an
 * app calling a self-hosted model would pay that on every call without this.
 */
const unknownModels = new Set<string>();
const MAX_REMEMBERED_UNKNOWN = 1024;

function priceWith(providerId: string, model: string, usage: PricingUsage): number | undefined {
  const key = `${providerId}\u0000${model}`;
  if (unknownModels.has(key)) return undefined;
  const result = calcPrice(usage, model, { providerId });
  if (!result) {
    if (unknownModels.size < MAX_REMEMBERED_UNKNOWN) unknownModels.add(key);
    return undefined;
  }
  return result.total_price;
}

/**
 * The call's cost in US dollars from the `@pydantic/genai-prices` table, or undefined when the
 * provider or model is not in the table or the usage is missing. Cached and reasoning tokens are
 * passed as the table's own usage units, so they are priced at whatever rate it lists for them.
 * Throws only on usage the table rejects (a cache count larger than the input); callers guard.
 */
export function llmCallCostUsd(call: LlmCallForCost): number | undefined {
  const providerId = priceTableProviderId(call.provider);
  if (!providerId) return undefined;
  const usage = pricingUsageOf(call.provider, call.usage);
  if (!usage) return undefined;
  for (const model of [call.responseModel, call.requestModel]) {
    if (!model) continue;
    const cost = priceWith(providerId, model, usage);
    if (cost !== undefined) return cost;
  }
  return undefined;
}
