/**
 * JSON.stringify under a UTF-8 byte budget that still yields valid JSON. Long strings are cut
 * first (all to the same length, found by binary search, each marked with `…[truncated]`); if
 * the structure alone is too big, leading array items (the oldest messages) are dropped.
 */
const TRUNCATION_MARK = '…[truncated]';

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function stringifyWithStringLimit(value: unknown, limit: number): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' && v.length > limit ? v.slice(0, limit) + TRUNCATION_MARK : v,
  );
}

function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((max: number, v) => Math.max(max, longestString(v)), 0);
  if (value && typeof value === 'object') {
    return Object.values(value).reduce((max: number, v) => Math.max(max, longestString(v)), 0);
  }
  return 0;
}

export function boundedJson(value: unknown, maxBytes: number): string {
  const full = JSON.stringify(value);
  if (full === undefined) return 'null';
  if (byteLength(full) <= maxBytes) return full;
  let items = Array.isArray(value) ? value : [value];
  while (items.length > 0) {
    const candidate = Array.isArray(value) ? items : items[0];
    let low = 0;
    let high = longestString(candidate);
    let best: string | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const text = stringifyWithStringLimit(candidate, mid);
      if (byteLength(text) <= maxBytes) {
        best = text;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (best !== undefined) return best;
    if (!Array.isArray(value)) break;
    items = items.slice(1);
  }
  return Array.isArray(value) ? '[]' : 'null';
}
