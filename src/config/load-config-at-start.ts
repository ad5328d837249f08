import { DEFAULT_TRACING_BLOCK } from './default-tracing-block.js';
import type { LoadTracingConfigOptions } from './load-config.js';
import { readTracingBlock } from './read-tracing-block.js';
import { tracingConfigOf } from './tracing-config-of.js';
import type { TracingConfig } from './types.js';

/**
 * loadTracingConfig for register: the schema (zod, a fifth of register's start-up) is imported
 * only when there is a block to validate; without one, the block is the schema's defaults, built
 * without it. Nothing here may import the schema statically, or the bundle loads it at start.
 * @throws {ConfigError} as loadTracingConfig does.
 */
export async function loadTracingConfigAtStart(options: LoadTracingConfigOptions = {}): Promise<TracingConfig> {
  const env = options.env ?? process.env;
  const raw = readTracingBlock(env, options.cwd ?? process.cwd());
  if (raw.block === undefined) return tracingConfigOf(raw.source, DEFAULT_TRACING_BLOCK, env);
  const { validateTracingBlock } = await import('./validate-tracing-block.js');
  return tracingConfigOf(raw.source, validateTracingBlock(raw), env);
}
