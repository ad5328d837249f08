import { once } from 'node:events';
import { parseArgs } from 'node:util';

import { ConfigError } from '../config/config-error.js';
import { loadRouterConfig, startRouter } from '../router/index.js';
import { setupDiag } from '../sdk/setup-diag.js';
import { CliUsageError, type CliCommand } from './cli-command.js';

interface RouterArgs {
  config: string;
  host?: string;
  port?: number;
}

function parseRouterArgs(args: string[]): RouterArgs {
  let values: { config?: string; host?: string; port?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' } },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.config === undefined) throw new CliUsageError('--config is required (e.g. --config router-config.yaml)');
  if (values.port === undefined) return { config: values.config, host: values.host };
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    throw new CliUsageError(`--port must be an integer from 0 to 65535, got '${values.port}'`);
  }
  return { config: values.config, host: values.host, port };
}

/**
 * `llm-otel router --config router-config.yaml`: the OpenAI-compatible router. A bad file is one
 * message on stderr and exit code 1; once listening, exactly one line on stdout says where.
 * SIGTERM/SIGINT stop accepting, let in-flight requests finish and flush the spans.
 */
export const routerCommand: CliCommand = {
  summary: 'route OpenAI-compatible requests by keyword and embedding rules, tracing each decision',
  usage: '--config router-config.yaml [--port N] [--host H]   (default 127.0.0.1:8801)',
  async run(args, io) {
    const { config: file, host, port } = parseRouterArgs(args);
    setupDiag();
    let config;
    try {
      config = loadRouterConfig(file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(`${error.message}. The router does not start.\n`);
      return 1;
    }
    const router = await startRouter(config, { host, port });
    io.out(`llm-otel router: listening on ${router.url}\n`);
    if (!io.stopSignal.aborted) await once(io.stopSignal, 'abort');
    await router.close();
    return 0;
  },
};
