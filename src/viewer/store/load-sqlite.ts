import type * as Sqlite from 'node:sqlite';

/**
 * Loads `node:sqlite` without its one-time ExperimentalWarning (Node 22 prints
 * "SQLite is an experimental feature..." when the module first loads). The viewer is a
 * user-facing command and the warning says nothing they can act on, so exactly that
 * warning is dropped; every other warning still goes through.
 */
export async function loadSqlite(): Promise<typeof Sqlite> {
  const emitWarning = process.emitWarning;
  process.emitWarning = function filtered(this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning.message;
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const name = typeof warning === 'string' ? type : warning.name;
    if (name === 'ExperimentalWarning' && /SQLite/i.test(text)) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return await import('node:sqlite');
  } finally {
    process.emitWarning = emitWarning;
  }
}
