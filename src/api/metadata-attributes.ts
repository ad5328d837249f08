import type { Attributes } from '@opentelemetry/api';
import { boundedJson } from '../spans/bounded-json.js';
import { ATTR_LLM_OTEL_METADATA_PREFIX } from '../spans/llm-otel-attributes.js';
import type { MetadataValue } from './types.js';

/** Largest JSON kept for one structured metadata value. */
const MAX_METADATA_JSON_BYTES = 4096;

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** A homogeneous array of scalars is a valid attribute value as it is. */
function isScalarArray(value: unknown): value is string[] | number[] | boolean[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  const type = typeof value[0];
  return isScalar(value[0]) && value.every((item) => typeof item === type);
}

/** `{ plan: 'pro' }` -> `{ 'llm_otel.metadata.plan': 'pro' }`; objects and mixed arrays become JSON. */
export function metadataAttributes(metadata: Readonly<Record<string, MetadataValue>> | undefined): Attributes {
  const attributes: Attributes = {};
  if (!metadata || typeof metadata !== 'object') return attributes;
  for (const [key, value] of Object.entries(metadata)) {
    if (value === undefined || value === null) continue;
    attributes[ATTR_LLM_OTEL_METADATA_PREFIX + key] =
      isScalar(value) || isScalarArray(value) ? value : boundedJson(value, MAX_METADATA_JSON_BYTES);
  }
  return attributes;
}
