import { boundedJson } from '../spans/bounded-json.js';

const TRUNCATION_MARK = '…[truncated]';

/** Text cut to `maxBytes` UTF-8 bytes (on a character boundary), marked when cut. */
function boundedText(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const room = Math.max(0, maxBytes - Buffer.byteLength(TRUNCATION_MARK, 'utf8'));
  let cut = Buffer.from(text, 'utf8').subarray(0, room).toString('utf8');
  // A multi-byte character split at the edge decodes to U+FFFD; drop it.
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return cut + TRUNCATION_MARK;
}

/**
 * An app-supplied input or output as an attribute value within `maxBytes`: text as text when
 * `asText`, everything else as JSON (valid even when cut, see bounded-json.ts).
 */
export function contentAttributeValue(value: unknown, maxBytes: number, asText: boolean): string {
  if (asText && typeof value === 'string') return boundedText(value, maxBytes);
  return boundedJson(value, maxBytes);
}

/** A bare string given as chat input or output, in the conventions' message shape. */
export function asMessages(value: unknown, role: 'user' | 'assistant'): unknown {
  return typeof value === 'string' ? [{ role, parts: [{ type: 'text', content: value }] }] : value;
}
