import { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '@opentelemetry/semantic-conventions';

import * as semconv from '../../semconv.js';
import { ATTR_LLM_OTEL_COST_USD, ATTR_LLM_OTEL_PRICE_TABLE } from '../../spans/llm-otel-attributes.js';
import type { ReceivedAttributes } from '../received-telemetry.js';

/** Content attributes, shown as the transcript rather than as values. */
const CONTENT_KEYS = new Set<string>([
  semconv.ATTR_GEN_AI_INPUT_MESSAGES,
  semconv.ATTR_GEN_AI_OUTPUT_MESSAGES,
  semconv.ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  semconv.ATTR_GEN_AI_TOOL_DEFINITIONS,
]);

const GROUPS: Array<{ title: string; keys: string[] }> = [
  {
    title: 'Request',
    keys: [
      semconv.ATTR_GEN_AI_OPERATION_NAME,
      semconv.ATTR_GEN_AI_PROVIDER_NAME,
      semconv.ATTR_GEN_AI_REQUEST_MODEL,
      semconv.ATTR_GEN_AI_REQUEST_STREAM,
      semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE,
      semconv.ATTR_GEN_AI_REQUEST_TOP_P,
      semconv.ATTR_GEN_AI_REQUEST_TOP_K,
      semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS,
      semconv.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
      semconv.ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
      semconv.ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
      semconv.ATTR_GEN_AI_REQUEST_SEED,
      semconv.ATTR_GEN_AI_REQUEST_CHOICE_COUNT,
      semconv.ATTR_GEN_AI_REQUEST_ENCODING_FORMATS,
      semconv.ATTR_GEN_AI_OUTPUT_TYPE,
      semconv.ATTR_GEN_AI_OPENAI_REQUEST_SERVICE_TIER,
      ATTR_SERVER_ADDRESS,
      ATTR_SERVER_PORT,
    ],
  },
  {
    title: 'Response',
    keys: [
      semconv.ATTR_GEN_AI_RESPONSE_MODEL,
      semconv.ATTR_GEN_AI_RESPONSE_ID,
      semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
      semconv.ATTR_GEN_AI_OPENAI_RESPONSE_SERVICE_TIER,
      semconv.ATTR_GEN_AI_OPENAI_RESPONSE_SYSTEM_FINGERPRINT,
      ATTR_HTTP_RESPONSE_STATUS_CODE,
      ATTR_ERROR_TYPE,
    ],
  },
  {
    title: 'Usage',
    keys: [
      semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS,
      semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
      semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
      semconv.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
      semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
    ],
  },
  { title: 'Cost', keys: [ATTR_LLM_OTEL_COST_USD, ATTR_LLM_OTEL_PRICE_TABLE] },
  { title: 'Timing', keys: [semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] },
];

export interface AttributeGroup {
  title: string;
  entries: Array<[string, ReceivedAttributes[string]]>;
}

/** The span's GenAI attributes in their groups, then every other attribute under "Attributes". */
export function groupAttributes(attributes: ReceivedAttributes, skip: (key: string) => boolean): AttributeGroup[] {
  const used = new Set<string>();
  const groups: AttributeGroup[] = [];
  for (const group of GROUPS) {
    const entries = group.keys.filter((key) => key in attributes).map((key) => [key, attributes[key]!] as [string, ReceivedAttributes[string]]);
    for (const [key] of entries) used.add(key);
    if (entries.length) groups.push({ title: group.title, entries });
  }
  const rest = Object.entries(attributes).filter(([key]) => !used.has(key) && !CONTENT_KEYS.has(key) && !skip(key));
  if (rest.length) groups.push({ title: 'Attributes', entries: rest });
  return groups;
}

export function isGenAiSpan(attributes: ReceivedAttributes): boolean {
  return semconv.ATTR_GEN_AI_OPERATION_NAME in attributes || semconv.ATTR_GEN_AI_REQUEST_MODEL in attributes;
}
