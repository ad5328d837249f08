/**
 * OTEL_PROPAGATORS with the NodeSDK's names: tracecontext, baggage, b3 (single header), b3multi,
 * or none. Unset: tracecontext and baggage. An unknown name is refused (the NodeSDK warns and
 * skips it), so a typo does not silently stop trace context from reaching the next service.
 */
import { envError, readEnvString } from './read-env.js';
import type { PropagatorName } from './types.js';

const PROPAGATORS: readonly PropagatorName[] = ['tracecontext', 'baggage', 'b3', 'b3multi'];
const DEFAULT_PROPAGATORS: readonly PropagatorName[] = ['tracecontext', 'baggage'];

export function propagatorsFromEnv(env: NodeJS.ProcessEnv): readonly PropagatorName[] {
  const raw = readEnvString(env, 'OTEL_PROPAGATORS');
  if (raw === undefined) return DEFAULT_PROPAGATORS;
  const names = [...new Set(raw.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))];
  if (names.includes('none')) return [];
  for (const name of names) {
    if (!(PROPAGATORS as readonly string[]).includes(name)) throw envError('OTEL_PROPAGATORS', raw, `a comma separated list of ${[...PROPAGATORS, 'none'].join(', ')}`);
  }
  return names as PropagatorName[];
}
