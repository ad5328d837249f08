/**
 * The entry of `config/`: file, then schema defaults and validation, then environment overrides,
 * then freeze. Precedence therefore reads bottom-up in this one function: defaults < YAML < env.
 */
import { applyEnvOverrides } from './apply-env-overrides.js';
import { configErrorFromIssues } from './config-error-from-issues.js';
import { deepFreeze } from './deep-freeze.js';
import { TRACING_BLOCK_PATH, readTracingBlock } from './read-tracing-block.js';
import { tracingBlockSchema } from './schema.js';
import type { TracingConfig } from './types.js';

export interface LoadTracingConfigOptions {
  /** Environment to read; defaults to `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Where `llm-otel.yaml` and a relative `$LLM_OTEL_CONFIG` are looked up; defaults to `process.cwd()`. */
  readonly cwd?: string;
}

/**
 * Loads and validates the tracing configuration.
 * @throws {ConfigError} for an unreadable or invalid file or an invalid environment variable.
 */
export function loadTracingConfig(options: LoadTracingConfigOptions = {}): TracingConfig {
  const env = options.env ?? process.env;
  const { source, block } = readTracingBlock(env, options.cwd ?? process.cwd());

  const parsed = tracingBlockSchema.safeParse(block);
  if (!parsed.success) throw configErrorFromIssues(parsed.error.issues, source, TRACING_BLOCK_PATH, block);

  return deepFreeze({ source, ...applyEnvOverrides(parsed.data, env, source) });
}
