import type { Usage } from './types.js';
import { definedOnly } from './json-fields.js';

/** The counters that were reported, or undefined when none was (a chunk before the last, a bare body). */
export function usageCounters(counters: Usage): Usage | undefined {
  const usage = definedOnly(counters);
  return Object.keys(usage).length > 0 ? usage : undefined;
}
