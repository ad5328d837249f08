/**
 * The entry of `config/`: file, then schema defaults and validation, then environment overrides,
 * then freeze. Precedence therefore reads bottom-up: defaults < YAML < env. Register loads it
 * by load-config-at-start.ts, which leaves the schema out when there is nothing to validate.
 */
import { readTracingBlock } from './read-tracing-block.js';
import { tracingConfigOf } from './tracing-config-of.js';
import type { TracingConfig } from './types.js';
import { validateTracingBlock } from './validate-tracing-block.js';

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
  const raw = readTracingBlock(env, options.cwd ?? process.cwd());
  return tracingConfigOf(raw.source, validateTracingBlock(raw), env);
}

