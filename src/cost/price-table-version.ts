import { readFileSync } from 'node:fs';
import { reportOnce } from '../diagnostics/report-once.js';

const PRICE_TABLE_PACKAGE = '@pydantic/genai-prices';

let cached: string | undefined;

/**
 * `@pydantic/genai-prices@<version>`: which price table priced the costs, for the resource. The
 * package does not export its package.json, so it is read next to the resolved entry point.
 * Returns the bare package name if the version cannot be read.
 */
export function priceTableVersion(): string {
  if (cached !== undefined) return cached;
  cached = PRICE_TABLE_PACKAGE;
  try {
    const entry = import.meta.resolve(PRICE_TABLE_PACKAGE);
    // The entry point is <package>/dist/index.js.
    const manifest = JSON.parse(readFileSync(new URL('../package.json', entry), 'utf8')) as { name?: unknown; version?: unknown };
    if (manifest.name === PRICE_TABLE_PACKAGE && typeof manifest.version === 'string') {
      cached = `${PRICE_TABLE_PACKAGE}@${manifest.version}`;
    }
  } catch (error) {
    reportOnce('reading the price table version', error);
  }
  return cached;
}
