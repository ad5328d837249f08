import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
} from '../../semconv.js';
import { ATTR_LLM_OTEL_COST_USD } from '../../spans/llm-otel-attributes.js';
import type { ReceivedAttributeValue, ReceivedSpan } from '../received-telemetry.js';

/** OTLP `STATUS_CODE_ERROR`. */
export const STATUS_CODE_ERROR = 2;

/** Service name of a span without `service.name` (what the SDKs report when unset). */
export const UNKNOWN_SERVICE = 'unknown_service';

/** The facts of one span that the store keeps as columns, for filters and summaries. */
export interface SpanFacts {
  service: string;
  durationNs: bigint;
  isError: boolean;
  /** Set for a GenAI call (a span with a GenAI model or operation). */
  model?: string;
  provider?: string;
  operation?: string;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  timeToFirstChunkS?: number;
}

function str(value: ReceivedAttributeValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: ReceivedAttributeValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function serviceOf(span: ReceivedSpan): string {
  return str(span.resource[ATTR_SERVICE_NAME]) ?? UNKNOWN_SERVICE;
}

export function spanFacts(span: ReceivedSpan): SpanFacts {
  const attributes = span.attributes;
  const duration = span.endTimeUnixNano - span.startTimeUnixNano;
  const facts: SpanFacts = {
    service: serviceOf(span),
    durationNs: duration > 0n ? duration : 0n,
    isError: span.status.code === STATUS_CODE_ERROR,
  };
  const operation = str(attributes[ATTR_GEN_AI_OPERATION_NAME]);
  const model = str(attributes[ATTR_GEN_AI_RESPONSE_MODEL]) ?? str(attributes[ATTR_GEN_AI_REQUEST_MODEL]);
  if (!operation && !model) return facts;
  facts.model = model ?? '(unknown model)';
  facts.operation = operation;
  facts.provider = str(attributes[ATTR_GEN_AI_PROVIDER_NAME]);
  facts.inputTokens = num(attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS]);
  facts.outputTokens = num(attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]);
  facts.costUsd = num(attributes[ATTR_LLM_OTEL_COST_USD]);
  facts.timeToFirstChunkS = num(attributes[ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]);
  return facts;
}

/** Longest attribute value indexed as a tag; longer text (prompts, completions) is not a tag. */
const MAX_TAG_VALUE_LENGTH = 256;

/** (key, value) pairs a trace can be found by: short scalars, and each item of a scalar array. */
export function tagPairs(attributes: Record<string, ReceivedAttributeValue>, into: Array<[string, string]>): void {
  for (const [key, value] of Object.entries(attributes)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      const text = String(item);
      if (text.length <= MAX_TAG_VALUE_LENGTH) into.push([key, text]);
    }
  }
}
