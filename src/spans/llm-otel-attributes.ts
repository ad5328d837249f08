/**
 * Attribute keys of our own, for facts no semantic convention names yet: a trace's tags and
 * metadata, the cost of a call, the price table that priced it, and the manual API's span kind and
 * free-form input/output.
 *
 * Why a namespace of ours rather than borrowing one: the GenAI conventions define no cost, tag or
 * metadata attribute (as of semantic-conventions 1.45 and semantic-conventions-genai), and keys
 * of other projects (`langfuse.*`, `traceloop.*`, `openinference.*`) carry meanings we would then
 * have to match exactly. Everything we invent lives under `llm_otel.` and in this file alone, so a
 * convention that later covers one of them replaces one line here.
 */

/** string[]: labels given to `trace(..., { tags })`; copied onto every span of the trace. */
export const ATTR_LLM_OTEL_TAGS = 'llm_otel.tags' as const;

/** Prefix of `llm_otel.metadata.<key>`: one attribute per metadata entry, on the trace's root span. */
export const ATTR_LLM_OTEL_METADATA_PREFIX = 'llm_otel.metadata.' as const;

/** double: what the call cost in US dollars, from the price table (or `setCost`). */
export const ATTR_LLM_OTEL_COST_USD = 'llm_otel.cost.usd' as const;

/** string, a resource attribute: the price table package and version, e.g. `@pydantic/genai-prices@0.1.8`. */
export const ATTR_LLM_OTEL_PRICE_TABLE = 'llm_otel.cost.price_table' as const;

/** string: the kind a manual span was created with (`agent`, `tool`, `function`, ...). */
export const ATTR_LLM_OTEL_SPAN_KIND = 'llm_otel.span.kind' as const;

/** string (JSON): input of a manual span that has no convention key for it (opt-in content). */
export const ATTR_LLM_OTEL_INPUT = 'llm_otel.input' as const;

/** string (JSON): output of a manual span that has no convention key for it (opt-in content). */
export const ATTR_LLM_OTEL_OUTPUT = 'llm_otel.output' as const;
