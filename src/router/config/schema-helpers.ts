/**
 * zod building blocks in the style of config/schema.ts: each schema carries its `allowed` text as
 * the issue message, so config/config-error-from-issues.ts turns any issue into the project's
 * ConfigError (file, key path, found, allowed). Kept beside the router's schema rather than
 * exported from config/ so that config/ stays the instrumentation's room and changes freely.
 */
import { z } from 'zod';

export function allowed(text: string) {
  return { error: text };
}

export function oneOf(values: readonly string[]): string {
  return `one of ${values.join(', ')}`;
}

/** A mapping that refuses unknown keys and lists the known ones. */
export function block<Shape extends z.ZodRawShape>(shape: Shape) {
  const keys = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `no other keys; known keys: ${keys}` : `a mapping with the keys ${keys}`,
  });
}

/** YAML reads `key:` with nothing after it as null: treat it as missing. */
export function nullAsMissing<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === null ? undefined : value), schema);
}

export const A_BOOLEAN = 'a boolean';
export const nonEmptyString = (text: string) => z.string(allowed(text)).trim().min(1, allowed(text));
export const positiveInteger = (text: string) => z.int(allowed(text)).positive(allowed(text));
export const ratio = (text = 'a number from 0 to 1') => z.number(allowed(text)).min(0, allowed(text)).max(1, allowed(text));
/** Environment variable names as POSIX shells accept them. */
export const envVariableName = z
  .string(allowed('the name of an environment variable, e.g. OPENAI_API_KEY'))
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, allowed('the name of an environment variable, e.g. OPENAI_API_KEY'));
