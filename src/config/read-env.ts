/**
 * Strict readers for environment variables. Blank-means-unset comes from `@opentelemetry/core`'s
 * `getStringFromEnv`, so we treat `OTEL_SERVICE_NAME=` exactly like the SDK does. Two gaps made a
 * wrapper necessary:
 * - core 3.x reads only `process.env` (no env parameter), and `loadTracingConfig` takes an env object
 *   so tests and the router can pass their own without mutating the process; we point
 *   `process.env` at that object for the duration of one synchronous call.
 * - core's `getBooleanFromEnv`/`getNumberFromEnv` log a warning and fall back for a bad value
 *   (`getBooleanFromEnv` even returns `false` for `yes`), while our contract is a ConfigError
 *   naming the variable, so booleans and numbers are parsed here from the core string.
 */
import { getStringFromEnv } from '@opentelemetry/core';

import { ConfigError } from './config-error.js';
import { renderFoundValue } from './render-found-value.js';

export function readEnvString(env: NodeJS.ProcessEnv, name: string): string | undefined {
  if (env === process.env) return getStringFromEnv(name);
  const processEnv = process.env;
  process.env = env;
  try {
    return getStringFromEnv(name);
  } finally {
    process.env = processEnv;
  }
}

/** `true`/`false` in any case; anything else is a ConfigError. */
export function readEnvBoolean(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = readEnvString(env, name);
  if (raw === undefined) return undefined;
  const normalised = raw.trim().toLowerCase();
  if (normalised === 'true') return true;
  if (normalised === 'false') return false;
  throw envError(name, raw, 'true or false');
}

/** A finite number that passes `accept`; anything else is a ConfigError with `allowed` as the hint. */
export function readEnvNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: string,
  accept: (value: number) => boolean = () => true,
): number | undefined {
  const raw = readEnvString(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw.trim());
  if (!Number.isFinite(value) || !accept(value)) throw envError(name, raw, allowed);
  return value;
}

export function envError(name: string, raw: string, allowed: string): ConfigError {
  return new ConfigError({ file: 'environment', keyPath: name, found: renderFoundValue(raw), allowed });
}
