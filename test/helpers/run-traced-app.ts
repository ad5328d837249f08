import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REGISTER = path.join(REPO_ROOT, 'register.js');

export interface AppRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Lines of stdout that parse as JSON (the apps report results this way). */
  results: unknown[];
  elapsedMs: number;
}

export interface RunOptions {
  /** Extra environment for the child (merged over a clean base). */
  env?: Record<string, string | undefined>;
  /** YAML written to a temp file and passed as LLM_OTEL_CONFIG. */
  configYaml?: string;
  /** Run with `--import ./register.js` (default true). */
  traced?: boolean;
  timeoutMs?: number;
  cwd?: string;
  args?: string[];
}

/** Environment variables of the parent that would change how the child is traced. */
const SCRUBBED = /^(OTEL_|OTLP_|LLM_OTEL_|TRACING_ENABLED$)/;

/**
 * Runs `node --import ./register.js <script>` as a real child process, the way a user runs an
 * app, and collects its output. The child's node is the one running the tests.
 */
export async function runTracedApp(script: string, options: RunOptions = {}): Promise<AppRun> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !SCRUBBED.test(key) && !key.startsWith('VITEST')) env[key] = value;
  }
  let configDir: string | undefined;
  if (options.configYaml !== undefined) {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-config-'));
    const file = path.join(configDir, 'llm-otel.yaml');
    fs.writeFileSync(file, options.configYaml);
    env.LLM_OTEL_CONFIG = file;
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const args = [...(options.traced === false ? [] : ['--import', REGISTER]), script, ...(options.args ?? [])];
  const started = Date.now();
  const child = spawn(process.execPath, args, { env, cwd: options.cwd ?? REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  clearTimeout(timeout);
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
  const results: unknown[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      results.push(JSON.parse(line));
    } catch {
      // not a result line
    }
  }
  return { code, signal, stdout, stderr, results, elapsedMs: Date.now() - started };
}
