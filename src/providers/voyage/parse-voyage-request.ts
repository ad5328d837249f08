import type { RequestFacts } from '../types.js';
import { asNonEmptyString, asObject, asString, definedOnly } from '../json-fields.js';

/**
 * Facts from a Voyage request body. `encoding_format` (null or `base64`) is the wire encoding
 * the conventions' encoding_formats names; `output_dtype` (float, int8, binary...) is the number
 * type, which the conventions have no attribute for. Inputs are not conversation content.
 */
export function parseVoyageRequest(base: { provider: string; operation: string }, rawBody: unknown): RequestFacts {
  const body = asObject(rawBody) ?? {};
  const format = asString(body.encoding_format);
  return definedOnly({
    provider: base.provider,
    operation: base.operation,
    model: asNonEmptyString(body.model),
    stream: false,
    encodingFormats: format ? [format] : undefined,
  });
}
