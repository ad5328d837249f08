import { createRequire } from 'node:module';
import type { Provider } from '@pydantic/genai-prices';
import type { Usage } from '../providers/types.js';
import { priceTableProviderId } from './price-table-provider-ids.js';
import { pricingUsageOf, type PricingUsage } from './pricing-usage.js';

type PriceTable = typeof import('@pydantic/genai-prices');
let priceTable: PriceTable | undefined;

/**
 * The price table is an 800 KB module that takes 30-40 ms to compile, so it is not imported with
 * register: `preloadPriceTable` loads it once the app runs, and the first call that needs a price
 * before then loads it on the spot (synchronously, so that call's span still gets its cost).
 */
function prices(): PriceTable {
  return (priceTable ??= createRequire(import.meta.url)('@pydantic/genai-prices') as PriceTable);
}

export function preloadPriceTable(): void {
  prices();
}

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
 * What the table said for each (provider, model) seen: the provider narrowed to the one matching
 * model, or null for a model it does not know. Finding the model scans the whole table (about
 * 30 µs a call, 20 µs for a miss); pricing against the narrowed provider takes about 6 µs.
 */
const lookups = new Map<string, Provider | null>();
const MAX_REMEMBERED_MODELS = 1024;

function priceWith(providerId: string, model: string, usage: PricingUsage): number | undefined {
  const key = `${providerId}\u0000${model}`;
  const known = lookups.get(key);
  if (known === null) return undefined;
  if (known) {
    const result = prices().calcPrice(usage, model, { provider: known });
    if (result) return result.total_price;
  }
  const result = prices().calcPrice(usage, model, { providerId });
  if (lookups.size < MAX_REMEMBERED_MODELS) lookups.set(key, result ? { ...result.provider, models: [result.model] } : null);
  return result?.total_price;
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
