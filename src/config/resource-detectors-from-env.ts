/**
 * OTEL_NODE_RESOURCE_DETECTORS with the NodeSDK's names: env, host, os, process, serviceinstance,
 * or all / none. Unset: all. An unknown name is refused (the NodeSDK warns and skips it), as with
 * OTEL_PROPAGATORS, so a typo does not silently drop the resource attributes a backend groups by.
 */
import { envError, readEnvString } from './read-env.js';
import type { ResourceDetectorName } from './types.js';

const RESOURCE_DETECTORS: readonly ResourceDetectorName[] = ['host', 'os', 'process', 'serviceinstance', 'env'];

export function resourceDetectorsFromEnv(env: NodeJS.ProcessEnv): readonly ResourceDetectorName[] {
  const raw = readEnvString(env, 'OTEL_NODE_RESOURCE_DETECTORS');
  if (raw === undefined) return RESOURCE_DETECTORS;
  const names = [...new Set(raw.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))];
  for (const name of names) {
    if (name !== 'all' && name !== 'none' && !(RESOURCE_DETECTORS as readonly string[]).includes(name)) {
      throw envError('OTEL_NODE_RESOURCE_DETECTORS', raw, `a comma separated list of ${[...RESOURCE_DETECTORS, 'all', 'none'].join(', ')}`);
    }
  }
  // The NodeSDK's order of precedence: all over none over the names.
  if (names.includes('all') || names.length === 0) return RESOURCE_DETECTORS;
  if (names.includes('none')) return [];
  return RESOURCE_DETECTORS.filter((name) => names.includes(name));
}
