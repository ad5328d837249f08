import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../../src/config/env-variables.js';

const README = fs.readFileSync(path.join(import.meta.dirname, '../../../README.md'), 'utf8');

/** The README's variable table: rows of `| \`NAME\` | default | setting |`. */
function readmeRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of README.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| (.*) \|$/gm)) rows.set(match[1]!, match[2]!);
  return rows;
}

describe('the README variable table is src/config/env-variables.ts', () => {
  it('has one row per declared variable, with its default and setting', () => {
    const rows = readmeRows();
    const expected = new Map(Object.entries(ENV_VARIABLES).map(([name, v]) => [name, `${v.default} | ${v.setting}`]));
    expect(rows).toEqual(expected);
  });
});
