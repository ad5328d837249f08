const UNIT_NANOS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/**
 * Parses a Go duration string ("300ms", "1.5s", "2h45m"), the format Jaeger's query API takes
 * for minDuration/maxDuration (Go's time.ParseDuration). Returns nanoseconds, or throws.
 * Written here because no maintained npm package parses exactly Go's grammar.
 */
export function parseGoDuration(text: string): bigint {
  const match = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (!match && text !== '0') throw new Error(`invalid duration "${text}"`);
  if (text === '0') return 0n;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(amount) * UNIT_NANOS[unit!]!;
  }
  return BigInt(Math.round(match![1] === '-' ? -total : total));
}
