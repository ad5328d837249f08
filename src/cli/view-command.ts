import { once } from 'node:events';
import { parseArgs } from 'node:util';

import { CliUsageError, type CliCommand } from './cli-command.js';
import { runView } from '../viewer/view.js';

function parseViewArgs(args: string[]): { host?: string; port?: number } {
  let values: { host?: string; port?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { host: { type: 'string' }, port: { type: 'string' } },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    // parseArgs throws TypeError for unknown flags and missing values; those are usage errors.
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.port === undefined) return { host: values.host };
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    throw new CliUsageError(`--port must be an integer from 0 to 65535, got '${values.port}'`);
  }
  return { host: values.host, port };
}

export const viewCommand: CliCommand = {
  summary: 'listen for OTLP/gRPC and print each trace as a tree',
  usage: '[--port N] [--host H]   (default 127.0.0.1:4317)',
  async run(args, io) {
    const { host, port } = parseViewArgs(args);
    const view = await runView({ host, port, out: io.out }).catch((error: unknown) => {
      // The usual cause is a collector (docker compose) already holding 4317.
      if (error instanceof Error && error.message.includes('EADDRINUSE')) {
        throw new Error(`${error.message}\n(is another OTLP receiver running? pick a free port with --port)`);
      }
      throw error;
    });
    if (!io.stopSignal.aborted) await once(io.stopSignal, 'abort');
    await view.close();
    return 0;
  },
};
