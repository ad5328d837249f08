import os from 'node:os';
import path from 'node:path';

/**
 * The per-user cache directory, as each platform defines it: `$XDG_CACHE_HOME` or
 * `~/.cache` (XDG Base Directory spec), `~/Library/Caches` (macOS), `%LOCALAPPDATA%` (Windows).
 */
function userCacheDir(): string {
  if (process.platform === 'win32') return process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
  const xdg = process.env.XDG_CACHE_HOME;
  return xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
}

/** Where `llm-otel view` keeps its traces unless told otherwise (`--db`, `--memory`). */
export function defaultDbPath(): string {
  return path.join(userCacheDir(), 'llm-otel', 'traces.db');
}
