import { applyEnvOverrides } from './apply-env-overrides.js';
import { deepFreeze } from './deep-freeze.js';
import type { TracingBlock } from './schema.js';
import type { TracingConfig } from './types.js';

/** The last steps of loading: the environment over the (validated or default) block, then freeze. */
export function tracingConfigOf(source: string, block: TracingBlock, env: NodeJS.ProcessEnv): TracingConfig {
  return deepFreeze({ source, ...applyEnvOverrides(block, env, source) });
}
