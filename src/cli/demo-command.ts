import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

import { CliUsageError, type CliCommand } from './cli-command.js';
import { startDemoRouter, type DemoRouter } from './demo-router.js';
import { startMockLlmServer } from '../mock-server/mock-llm-server.js';
import { runView, type RunningView } from '../viewer/view.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/register.js and dist/cli/demo-app.js, next to this file once built. */
const REGISTER = path.resolve(here, '../register.js');
const DEMO_APP = path.resolve(here, 'demo-app.js');
const CLI = path.resolve(here, 'main.js');
const DEMO_TIMEOUT_MS = 30_000;
/** How long after the app exits its trace may take to complete in the viewer. */
const TRACE_WAIT_MS = 5000;
/** Jaeger's UI port, so "open localhost:16686" is right with or without Docker. */
const PREFERRED_UI_PORT = 16686;
/** The router's request span: the demo trace is complete once it holds the router's part too. */
const ROUTER_SPAN = 'semantic_router.request.received';

interface DemoArgs {
  keep: boolean;
  exit: boolean;
  uiPort?: number;
}

function parseDemoArgs(args: string[]): DemoArgs {
  try {
    const { values } = parseArgs({
      args,
      options: { keep: { type: 'boolean' }, exit: { type: 'boolean' }, 'ui-port': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.keep && values.exit) throw new CliUsageError('--keep and --exit exclude each other');
    const uiPort = values['ui-port'];
    if (uiPort !== undefined && (!/^\d+$/.test(uiPort) || Number(uiPort) > 65535)) {
      throw new CliUsageError(`--ui-port must be an integer from 0 to 65535, got '${uiPort}'`);
    }
    return { keep: values.keep ?? false, exit: values.exit ?? false, uiPort: uiPort === undefined ? undefined : Number(uiPort) };
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The viewer on the UI port asked for, else on 16686, else (taken, e.g. by Jaeger) on a free one. */
async function startDemoView(uiPort: number | undefined, io: Parameters<CliCommand['run']>[1]): Promise<RunningView> {
  // The router exports its spans apart from the app's (every second, and as it stops): a quiet
  // period longer than that keeps the tree whole.
  const options = { port: 0, httpPort: 0, memory: true, tree: true, quietMs: 1500, out: io.out, err: io.err };
  if (uiPort !== undefined) return runView({ ...options, uiPort });
  try {
    return await runView({ ...options, uiPort: PREFERRED_UI_PORT });
  } catch (error) {
    if (!(error instanceof Error && error.message.includes('EADDRINUSE'))) throw error;
    return runView({ ...options, uiPort: 0 });
  }
}

/**
 * `llm-otel demo`: everything on this machine, no Docker: the trace viewer on an ephemeral port,
 * a local OpenAI-compatible server, `llm-otel router` in front of it, and the demo app run as
 * `node --import llm-otel/register` against the router (`model: "auto"`), exactly as a user
 * would run theirs: one trace from the app through the router to the backend. Prints the app's output, its trace tree and the URL of
 * the trace in the viewer's UI. At a terminal (stdin is a TTY) the viewer then keeps running
 * until Ctrl-C, so the URL can be opened; from a script or CI it exits (`--keep` / `--exit`
 * choose either way).
 */
export const demoCommand: CliCommand = {
  summary: 'run a traced example app against a local LLM server, print its trace and keep the viewer open at a terminal',
  usage: '[--keep | --exit] [--ui-port N]   (default: keep running when stdin is a terminal)',
  async run(args, io) {
    const demo = parseDemoArgs(args);
    const keep = demo.keep || (!demo.exit && process.stdin.isTTY === true);
    const view = await startDemoView(demo.uiPort, io);
    const service = process.env.OTEL_SERVICE_NAME ?? 'llm-otel-demo';
    const demoTrace = view.waitForTrace(
      (spans) => spans.some((span) => span.resource[ATTR_SERVICE_NAME] === service) && spans.some((span) => span.name === ROUTER_SPAN),
      DEMO_TIMEOUT_MS + TRACE_WAIT_MS,
    );
    demoTrace.catch(() => {});
    const server = await startMockLlmServer({ maxRequests: 100 });
    let router: DemoRouter | undefined;
    try {
      router = await startDemoRouter(CLI, server.port, view.port, io.err);
      const child = spawn(process.execPath, ['--import', REGISTER, DEMO_APP], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          OPENAI_BASE_URL: `${router.url}/v1`,
          OTLP_ENDPOINT: `http://127.0.0.1:${view.port}`,
          OTEL_SERVICE_NAME: service,
        },
      });
      child.stdout.on('data', (chunk: Buffer) => io.out(chunk.toString().replace(/^/gm, '  app | ').replace(/ {2}app \| $/, '')));
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
      // The app flushed its spans on exit, the router flushes its own as it stops; the viewer
      // prints the tree after its quiet period.
      await router.stop();
      router = undefined;
      const spans = await Promise.race([demoTrace, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), TRACE_WAIT_MS).unref())]);
      if (!spans) {
        io.err(`llm-otel demo: the demo trace did not arrive within ${TRACE_WAIT_MS} ms\n`);
        return 1;
      }
      io.out(`Open the demo trace: ${view.traceUrl(spans[0]!.traceId)}\n`);
      if (keep && !io.stopSignal.aborted) {
        io.out('The viewer keeps running (traces of your own apps show up too); press Ctrl-C to stop.\n');
        await once(io.stopSignal, 'abort');
      }
      return 0;
    } finally {
      await router?.stop();
      await view.close();
      await server.close();
    }
  },
};
