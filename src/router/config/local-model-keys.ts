/**
 * Keys of the vLLM Semantic Router's configuration that configure local ML models (ModernBERT and
 * BERT classifiers, jailbreak and PII detectors, MMLU category mappings). This router runs no
 * model weights, so a file that sets them is refused with a message that says why, rather than
 * with the generic unknown-key message (which would suggest a typo).
 */

/** Top-level keys, with what each one configures in the vLLM router. */
export const LOCAL_MODEL_TOP_LEVEL_KEYS: ReadonlyMap<string, string> = new Map([
  ['classifier', 'its ModernBERT category and PII classifiers'],
  ['bert_model', 'its local BERT similarity model'],
  ['prompt_guard', 'its local jailbreak classifier'],
  ['categories', 'the MMLU categories of its domain classifier'],
  ['hallucination_mitigation', 'its local fact-check and hallucination models'],
  ['feedback_detector', 'its local feedback classifier'],
]);

/** Keys of `embedding_models` that point at local weights instead of an embeddings API. */
export const LOCAL_EMBEDDING_MODEL_KEYS: ReadonlyMap<string, string> = new Map([
  ['qwen3_model_path', 'a local Qwen3 embedding model'],
  ['gemma_model_path', 'a local Gemma embedding model'],
  ['mmbert_model_path', 'a local mmBERT embedding model'],
  ['use_cpu', 'where local embedding models run'],
]);

/** `decisions[].rules.conditions[].type` values that need a local classifier. */
export const LOCAL_MODEL_CONDITION_TYPES: ReadonlyMap<string, string> = new Map([
  ['domain', 'its local domain classifier'],
  ['fact_check', 'its local fact-check classifier'],
  ['user_feedback', 'its local feedback classifier'],
]);

/** `decisions[].plugins[].type` values that need a local classifier. */
export const LOCAL_MODEL_PLUGIN_TYPES: ReadonlyMap<string, string> = new Map([
  ['jailbreak', 'its local jailbreak classifier'],
  ['pii', 'its local PII classifier'],
  ['hallucination', 'its local hallucination model'],
]);

export const ROUTE_WITHOUT_LOCAL_MODELS =
  'keyword_rules and embedding_rules (embeddings through embedding_models.endpoint, an OpenAI-compatible API)';

export function needsLocalModels(what: string): string {
  return `needs ${what} in the vLLM Semantic Router; llm-otel's router runs no local ML models`;
}
