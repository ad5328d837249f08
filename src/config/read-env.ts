/**
 * Strict readers for the variables of env-variables.ts, for `loadTracingConfig`. Blank means
 * unset, as in `@opentelemetry/core`'s `getStringFromEnv`, so `OTEL_SERVICE_NAME=` is treated
 * exactly like the SDK treats it. Two gaps made a wrapper necessary:
 * - core 3.x reads only `process.env` (no env parameter), and `loadTracingConfig` takes an env
 *   object so tests and the router can pass their own without mutating the process; for such an
 *   object the same blank-means-unset rule is applied here.
 * - core's `getBooleanFromEnv`/`getNumberFromEnv` log a warning and fall back for a bad value
 *   (`getBooleanFromEnv` even returns `false` for `yes`), while our contract is a ConfigError
 *   naming the variable, so booleans and numbers are parsed here from the core string.
 */
import { getStringFromEnv } from '@opentelemetry/core';

import { ConfigError } from './config-error.js';
import type { EnvVariableName } from './env-variables.js';
import { renderFoundValue } from './render-found-value.js';

export function readEnvString(env: NodeJS.ProcessEnv, name: EnvVariableName): string | undefined {
  if (env === process.env) return getStringFromEnv(name);
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}

/** `true`/`false` in any case; anything else is a ConfigError. */
export function readEnvBoolean(env: NodeJS.ProcessEnv, name: EnvVariableName): boolean | undefined {
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
  name: EnvVariableName,
  allowed: string,
  accept: (value: number) => boolean = () => true,
): number | undefined {
  const raw = readEnvString(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw.trim());
  if (!Number.isFinite(value) || !accept(value)) throw envError(name, raw, allowed);
  return value;
}

export function envError(name: EnvVariableName, raw: string, allowed: string): ConfigError {
  return new ConfigError({ file: 'environment', keyPath: name, found: renderFoundValue(raw), allowed });
}
