import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../src/version.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };

// The instrumentation scope carries these; they must name the package that is installed.
describe('src/version.ts', () => {
  it('matches package.json', () => {
    expect({ name: PACKAGE_NAME, version: PACKAGE_VERSION }).toEqual({ name: pkg.name, version: pkg.version });
  });
});
