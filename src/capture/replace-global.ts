/**
 * Puts `replacement` in `owner[key]` and returns the function that undoes it. The undo restores
 * the original only while the slot still holds our replacement: if someone wrapped it after us
 * (another instrumentation, a test double), putting the original back would silently drop theirs.
 * `afterChange` runs after each write (http2 needs `syncBuiltinESMExports` for ESM importers).
 */
export function replaceGlobal<Owner extends object, Key extends keyof Owner>(
  owner: Owner,
  key: Key,
  replacement: Owner[Key],
  afterChange: () => void = () => {},
): () => void {
  const original = owner[key];
  owner[key] = replacement;
  afterChange();
  return () => {
    if (owner[key] !== replacement) return;
    owner[key] = original;
    afterChange();
  };
}
