/**
 * Renders a configuration value for the `found` part of a ConfigError: JSON-like, so a string is
 * visibly a string (`"0.5"` vs `0.5`), and short, so one bad block does not flood the log line.
 */

const MAX_RENDERED_LENGTH = 80;

export function renderFoundValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    // String(), not JSON: JSON would print Infinity and NaN (YAML `.inf`, `.nan`) as `null`.
    return String(value);
  }
  return truncate(toJson(value));
}

function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // YAML anchors can build self-referencing structures, which JSON cannot print.
    return Array.isArray(value) ? 'a list' : 'a mapping';
  }
}

function truncate(text: string): string {
  return text.length <= MAX_RENDERED_LENGTH ? text : `${text.slice(0, MAX_RENDERED_LENGTH - 1)}…`;
}
