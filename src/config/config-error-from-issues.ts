/**
 * Turns zod's issue list for the tracing block into one ConfigError. The schema stores each key's
 * `allowed` text as the issue message (see schema.ts); `found` is read from the raw YAML value
 * rather than from the issue, because zod only carries inputs when asked and never for missing keys.
 */
import type { z } from 'zod';

import { ConfigError } from './config-error.js';
import { renderFoundValue } from './render-found-value.js';

type ZodIssue = z.ZodError['issues'][number];
type KeyPath = readonly PropertyKey[];

interface Problem {
  readonly path: KeyPath;
  readonly found: string;
  readonly allowed: string;
}

/**
 * @param prefix where the validated value sits in the file, e.g. `['observability', 'tracing']`
 * @param raw the value that was validated, as parsed from YAML
 */
export function configErrorFromIssues(
  issues: readonly ZodIssue[],
  file: string,
  prefix: KeyPath,
  raw: unknown,
): ConfigError {
  const problems = issues.flatMap((issue) => toProblems(issue, raw));
  const first = problems[0];
  if (!first) {
    // zod reported failure without issues; should not happen, but never throw a vaguer error.
    const keyPath = formatKeyPath(prefix);
    return new ConfigError({ file, keyPath, found: renderFoundValue(raw), allowed: 'a valid block' });
  }
  return new ConfigError({
    file,
    keyPath: formatKeyPath([...prefix, ...first.path]),
    found: first.found,
    allowed: first.allowed,
    moreIssues: problems.length - 1,
  });
}

function toProblems(issue: ZodIssue, raw: unknown): Problem[] {
  if (issue.code === 'unrecognized_keys') {
    // zod groups all unknown keys of one mapping; each is its own mistake with its own key path.
    return issue.keys.map((key) => ({
      path: [...issue.path, key],
      found: `unknown key ${JSON.stringify(key)}`,
      allowed: issue.message,
    }));
  }
  return [{ path: issue.path, found: renderFoundValue(valueAt(raw, issue.path)), allowed: issue.message }];
}

function valueAt(root: unknown, path: KeyPath): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** `observability.tracing.providers[0].api`: dots for keys, brackets for list positions. */
function formatKeyPath(path: KeyPath): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? String(segment) : `${text}.${String(segment)}`;
  }, '');
}
