import type { Attributes, Counter, Meter } from '@opentelemetry/api';
import type { CompletedExchange } from '../capture/types.js';
import {
  GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, GEN_AI_OPERATION_NAME_VALUE_GENERATE_CONTENT,
  GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION, METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
} from '../semconv.js';
import { DURATION_SECONDS_BUCKETS, TOKEN_COUNT_BUCKETS } from './bucket-boundaries.js';
import { exchangeMetricAttributes, withErrorType } from './exchange-metric-attributes.js';
import { inclusiveTotals } from '../spans/inclusive-usage.js';
import {
  ATTR_GEN_AI_TOKEN_MODALITY, GEN_AI_TOKEN_MODALITY_VALUE_UNKNOWN, METRIC_GEN_AI_CLIENT_EMBEDDINGS_DURATION,
  METRIC_GEN_AI_CLIENT_EMBEDDINGS_OPERATION_INPUT_TOKENS, METRIC_GEN_AI_CLIENT_INFERENCE_DURATION,
  METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_INPUT_TOKENS, METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_OUTPUT_TOKENS,
  METRIC_GEN_AI_CLIENT_INFERENCE_TIME_TO_FIRST_CHUNK, METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_CACHE_READ_INPUT_TOKENS,
  METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_CACHE_WRITE_INPUT_TOKENS, METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_INPUT_TOKENS,
  METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_OUTPUT_TOKENS, METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_REASONING_OUTPUT_TOKENS,
} from '../semconv-latest.js';

/**
 * Adds a total to a usage counter, split by `gen_ai.token.modality` when the provider's breakdown
 * accounts for all of it (Gemini's details, an OpenAI audio-only call), else under `unknown`, as
 * the token metrics ask when usage is not broken down by modality.
 */
function addByModality(usageCounter: Counter, total: number, byModality: Partial<Record<string, number>> | undefined, attributes: Attributes): void {
  const parts = Object.entries(byModality ?? {}).filter((entry): entry is [string, number] => entry[1] !== undefined && entry[1] > 0);
  if (total > 0 && parts.reduce((sum, [, tokens]) => sum + tokens, 0) === total) {
    for (const [modality, tokens] of parts) usageCounter.add(tokens, { ...attributes, [ATTR_GEN_AI_TOKEN_MODALITY]: modality });
    return;
  }
  usageCounter.add(total, { ...attributes, [ATTR_GEN_AI_TOKEN_MODALITY]: GEN_AI_TOKEN_MODALITY_VALUE_UNKNOWN });
}

/** Operations the conventions call inference (client-inference.md lists chat, generate_content, text_completion). */
const INFERENCE_OPERATIONS = new Set<string>([
  GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_GENERATE_CONTENT, GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION,
]);

/**
 * The GenAI client metrics under the newest names (see src/semconv-latest.ts):
 * - inference calls: `gen_ai.client.inference.duration`, `.time_to_first_chunk` (streams), the
 *   per-operation token histograms, and the usage counters by `gen_ai.token.modality`. Those ask
 *   for a value on every call, failed ones included, `0` when no usage came back. Input and output
 *   are the conventions' inclusive totals (cache reads and writes in input, reasoning in output:
 *   spans/inclusive-usage.ts), split by modality where the provider's breakdown covers the whole
 *   total, else `unknown`;
 * - embeddings: `gen_ai.client.embeddings.duration` and its input-token histogram;
 * - any other operation (rerank, image generation, assistants runs) keeps
 *   `gen_ai.client.operation.duration`, which the conventions retain for non-inference calls.
 */
export function latestGenAiMetrics(meter: Meter): (exchange: CompletedExchange) => void {
  const seconds = (name: string, description: string) =>
    meter.createHistogram(name, { description, unit: 's', advice: { explicitBucketBoundaries: [...DURATION_SECONDS_BUCKETS] } });
  const tokens = (name: string, description: string) =>
    meter.createHistogram(name, { description, unit: '{token}', advice: { explicitBucketBoundaries: [...TOKEN_COUNT_BUCKETS] } });
  const counter = (name: string, description: string) => meter.createCounter(name, { description, unit: '{token}' });

  const inferenceDuration = seconds(METRIC_GEN_AI_CLIENT_INFERENCE_DURATION, 'GenAI client inference operation duration.');
  const timeToFirstChunk = seconds(METRIC_GEN_AI_CLIENT_INFERENCE_TIME_TO_FIRST_CHUNK, 'Time to receive the first chunk of a streamed response.');
  const operationInput = tokens(METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_INPUT_TOKENS, 'Input tokens used per inference operation.');
  const operationOutput = tokens(METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_OUTPUT_TOKENS, 'Output tokens used per inference operation.');
  const inputCounter = counter(METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_INPUT_TOKENS, 'Input tokens used, including cached tokens.');
  const outputCounter = counter(METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_OUTPUT_TOKENS, 'Output tokens used, including reasoning tokens.');
  const partCounters = [
    [counter(METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_CACHE_READ_INPUT_TOKENS, 'Input tokens served from a provider cache.'), 'cacheReadInputTokens'],
    [counter(METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_CACHE_WRITE_INPUT_TOKENS, 'Input tokens written to a provider cache.'), 'cacheCreationInputTokens'],
    [counter(METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_REASONING_OUTPUT_TOKENS, 'Output tokens used for reasoning.'), 'reasoningOutputTokens'],
  ] as const;
  const embeddingsDuration = seconds(METRIC_GEN_AI_CLIENT_EMBEDDINGS_DURATION, 'GenAI client embeddings operation duration.');
  const embeddingsInput = tokens(METRIC_GEN_AI_CLIENT_EMBEDDINGS_OPERATION_INPUT_TOKENS, 'Input tokens used per embeddings operation.');
  const otherDuration = seconds(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, 'GenAI operation duration.');

  return (exchange) => {
    const attributes = exchangeMetricAttributes(exchange);
    const withError = withErrorType(attributes, exchange);
    const usage = exchange.response.usage ?? {};
    const totals = inclusiveTotals(usage, exchange.usageCounting);
    const operation = exchange.request.operation;
    if (INFERENCE_OPERATIONS.has(operation)) {
      inferenceDuration.record(exchange.durationSeconds, withError);
      if (exchange.timeToFirstChunkSeconds !== undefined) timeToFirstChunk.record(exchange.timeToFirstChunkSeconds, attributes);
      operationInput.record(totals.inputTokens ?? 0, withError);
      operationOutput.record(totals.outputTokens ?? 0, withError);
      addByModality(inputCounter, totals.inputTokens ?? 0, usage.inputTokensByModality, attributes);
      addByModality(outputCounter, totals.outputTokens ?? 0, usage.outputTokensByModality, attributes);
      const unknown = { ...attributes, [ATTR_GEN_AI_TOKEN_MODALITY]: GEN_AI_TOKEN_MODALITY_VALUE_UNKNOWN };
      for (const [usageCounter, key] of partCounters) usageCounter.add(usage[key] ?? 0, unknown);
    } else if (operation === GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS) {
      embeddingsDuration.record(exchange.durationSeconds, withError);
      embeddingsInput.record(totals.inputTokens ?? 0, withError);
    } else {
      otherDuration.record(exchange.durationSeconds, withError);
    }
  };
}
