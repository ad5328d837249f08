/**
 * Starts `llm-otel router --config <file> --port 0` as a real child process (the built CLI, as a
 * user runs it) and waits for its one stdout line naming the URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { REPO_ROOT } from '../../helpers/run-traced-app.js';

export const CLI = path.join(REPO_ROOT, 'dist/cli/main.js');
const SCRUBBED = /^(OTEL_|OTLP_|LLM_OTEL_|TRACING_ENABLED$)/;

export interface RouterProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<{ code: number | null; elapsedMs: number }>;
}

export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !SCRUBBED.test(key) && !key.startsWith('VITEST')) env[key] = value;
  }
  return { ...env, ...extra };
}

export async function startRouterProcess(configFile: string, env: Record<string, string> = {}): Promise<RouterProcess> {
  const child = spawn(process.execPath, [CLI, 'router', '--config', configFile, '--port', '0'], {
    cwd: REPO_ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`router did not start within 15 s; stderr: ${stderr}`)), 15_000);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const match = /^llm-otel router: listening on (http:\/\/\S+)\n/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`router exited with ${code}; stderr: ${stderr}`));
    });
  });
  return {
    url,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop(timeoutMs = 15_000) {
      const started = Date.now();
      if (child.exitCode !== null) return { code: child.exitCode, elapsedMs: 0 };
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return { code, elapsedMs: Date.now() - started };
    },
  };
}
