import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from './cli-command.js';
import { startMockLlmServer } from './mock-llm-server.js';
import { runView } from '../viewer/view.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/register.js and dist/cli/demo-app.js, next to this file once built. */
const REGISTER = path.resolve(here, '../register.js');
const DEMO_APP = path.resolve(here, 'demo-app.js');
const DEMO_TIMEOUT_MS = 30_000;

/**
 * `llm-otel demo`: everything on this machine, no Docker: the trace viewer on an ephemeral port,
 * a local OpenAI-compatible server, and the demo app run as `node --import llm-otel/register`,
 * exactly as a user would run theirs. Prints the app's output, then its trace tree.
 */
export const demoCommand: CliCommand = {
  summary: 'run a traced example app against a local LLM server and print its trace',
  usage: '',
  async run(_args, io) {
    const view = await runView({ port: 0, httpPort: 0, uiPort: 0, memory: true, tree: true, quietMs: 300, out: io.out, err: io.err });
    const server = await startMockLlmServer({ maxRequests: 100 });
    try {
      const child = spawn(process.execPath, ['--import', REGISTER, DEMO_APP], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          OPENAI_BASE_URL: server.url,
          OTLP_ENDPOINT: `http://127.0.0.1:${view.port}`,
          OTEL_SERVICE_NAME: process.env.OTEL_SERVICE_NAME ?? 'llm-otel-demo',
        },
      });
      child.stdout.on('data', (chunk: Buffer) => io.out(chunk.toString().replace(/^/gm, '  app | ').replace(/  app \| $/, '')));
      child.stderr.on('data', (chunk: Buffer) => io.err(chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), DEMO_TIMEOUT_MS);
      const onStop = () => child.kill('SIGTERM');
      io.stopSignal.addEventListener('abort', onStop, { once: true });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      clearTimeout(timer);
      io.stopSignal.removeEventListener('abort', onStop);
      if (code !== 0) {
        io.err(`llm-otel demo: the demo app exited with code ${code}\n`);
        return 1;
      }
      // The app flushed its spans on exit; give the viewer its quiet period to print the tree.
      await new Promise((resolve) => setTimeout(resolve, 500));
      return 0;
    } finally {
      await view.close();
      await server.close();
    }
  },
};
