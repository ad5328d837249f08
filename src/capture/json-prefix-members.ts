/**
 * The top-level members of a JSON object whose values are complete within `text`, the first bytes
 * of a body that may go on far beyond them. A request body's model and parameters are short
 * scalars, usually ahead of (or between) the long messages; this recovers every member that
 * ended before the cut without needing the rest. Undefined when `text` does not open an object.
 */
export function completeTopLevelMembers(text: string): Record<string, unknown> | undefined {
  let at = skipWhitespace(text, 0);
  if (text[at] !== '{') return undefined;
  const members: Record<string, unknown> = {};
  at += 1;
  for (;;) {
    at = skipWhitespace(text, at);
    if (text[at] !== '"') return members;
    const keyAt = at;
    const keyEnd = stringEnd(text, keyAt);
    if (keyEnd < 0) return members;
    at = skipWhitespace(text, keyEnd);
    if (text[at] !== ':') return members;
    const valueStart = skipWhitespace(text, at + 1);
    const valueEnd = valueEndAt(text, valueStart);
    if (valueEnd < 0) return members;
    try {
      const key = JSON.parse(text.slice(keyAt, keyEnd)) as string;
      // A literal `__proto__` key would set the object's prototype instead of a member.
      if (key !== '__proto__') members[key] = JSON.parse(text.slice(valueStart, valueEnd));
    } catch {
      return members;
    }
    at = skipWhitespace(text, valueEnd);
    if (text[at] !== ',') return members;
    at += 1;
  }
}

function skipWhitespace(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\n' || text[at] === '\r' || text[at] === '\t')) at += 1;
  return at;
}

/** Index just past the string that opens at `at` (a `"`), or -1 when it is cut off. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i + 1;
  }
  return -1;
}

/** Index just past the value that starts at `at`, or -1 when it does not end within `text`. */
function valueEndAt(text: string, at: number): number {
  const first = text[at];
  if (first === undefined) return -1;
  if (first === '"') return stringEnd(text, at);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = at; i < text.length; i += 1) {
      const c = text[i];
      if (c === '"') {
        const end = stringEnd(text, i);
        if (end < 0) return -1;
        i = end - 1;
      } else if (c === '{' || c === '[') depth += 1;
      else if (c === '}' || c === ']') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  // A number or literal ends at the next delimiter; at the end of the text it may be cut (12|34).
  for (let i = at; i < text.length; i += 1) {
    const c = text[i];
    if (c === ',' || c === '}' || c === ']' || c === ' ' || c === '\n' || c === '\r' || c === '\t') return i;
  }
  return -1;
}
