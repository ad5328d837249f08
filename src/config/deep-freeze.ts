/**
 * Freezes a plain data tree in place. The loaded configuration is shared by every room; freezing it
 * makes an accidental write fail loudly (in strict-mode ESM) instead of changing behaviour elsewhere.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
