import { once } from 'node:events';
import { parseArgs } from 'node:util';

import { DEFAULT_STORE_LIMITS, type StoreLimits } from '../viewer/store/store-types.js';
import { defaultDbPath } from '../viewer/store/default-db-path.js';
import { runView, type ViewOptions } from '../viewer/view.js';
import { CliUsageError, type CliCommand } from './cli-command.js';

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const AGE_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function port(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 65535) throw new CliUsageError(`--${flag} must be an integer from 0 to 65535, got '${text}'`);
  return value;
}

function positive(flag: string, text: string | undefined, units: Record<string, number>, example: string): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? units[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new CliUsageError(`--${flag} must be a positive amount like ${example} (units: ${Object.keys(units).filter(Boolean).join(', ')}), got '${text}'`);
  }
  return Math.floor(Number(match[1]) * unit);
}

const FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'http-port': { type: 'string' },
  'ui-port': { type: 'string' },
  db: { type: 'string' },
  memory: { type: 'boolean' },
  'max-traces': { type: 'string' },
  'max-bytes': { type: 'string' },
  'max-age': { type: 'string' },
  tree: { type: 'boolean' },
} as const;

function parseViewArgs(args: string[], stdoutIsTty: boolean): ViewOptions {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof FLAGS }>>['values'];
  try {
    ({ values } = parseArgs({ args, options: FLAGS, allowPositionals: false, strict: true }));
  } catch (error) {
    // parseArgs throws TypeError for unknown flags and missing values; those are usage errors.
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.memory && values.db !== undefined) throw new CliUsageError('--db and --memory exclude each other');
  const limits: Partial<StoreLimits> = {};
  const maxTraces = positive('max-traces', values['max-traces'], { '': 1 }, '10000');
  const maxBytes = positive('max-bytes', values['max-bytes'], SIZE_UNITS, '256MB');
  const maxAgeMs = positive('max-age', values['max-age'], AGE_UNITS, '7d');
  if (maxTraces !== undefined) limits.maxTraces = maxTraces;
  if (maxBytes !== undefined) limits.maxBytes = maxBytes;
  if (maxAgeMs !== undefined) limits.maxAgeMs = maxAgeMs;
  return {
    host: values.host,
    port: port('port', values.port),
    httpPort: port('http-port', values['http-port']),
    uiPort: port('ui-port', values['ui-port']),
    memory: values.memory ?? false,
    dbPath: values.memory ? undefined : (values.db ?? defaultDbPath()),
    limits,
    // Scripts and CI read stdout: they get the trees; a terminal gets one line per trace with its URL.
    tree: values.tree ?? !stdoutIsTty,
  };
}

const MB = 1024 * 1024;

function viewHelp(): string {
  const d = DEFAULT_STORE_LIMITS;
  return `Usage: llm-otel view [options]

A local trace viewer: receives OTLP, keeps traces in SQLite, serves a web UI and a
Jaeger-compatible query API (/api/services, /api/traces, ...). Listens on 127.0.0.1 only
unless --host says otherwise; the UI has no authentication.

  --host H          interface to listen on (default 127.0.0.1)
  --port N          OTLP/gRPC port (default 4317)
  --http-port N     OTLP/HTTP port, protobuf and JSON (default 4318)
  --ui-port N       web UI and query API port (default 16686); 0 picks a free port for any of them
  --db PATH         SQLite file of the store (default ${defaultDbPath()})
  --memory          keep traces in memory only, nothing on disk
  --max-traces N    keep at most N traces (default ${d.maxTraces})
  --max-bytes SIZE  keep at most SIZE of span data, e.g. 256MB (default ${d.maxBytes / MB}MB; indexes come on top)
  --max-age AGE     drop traces older than AGE, e.g. 12h, 7d (default ${d.maxAgeMs / 86_400_000}d)
                    When a bound is passed, the traces that started first are dropped, whole.
  --tree            print each trace as a tree (the default when stdout is not a terminal)
`;
}

export const viewCommand: CliCommand = {
  summary: 'local trace viewer: OTLP/gRPC + OTLP/HTTP receiver, SQLite store, web UI on :16686, Jaeger-compatible API',
  usage: '[--port N] [--http-port N] [--ui-port N] [--host H] [--db PATH | --memory] [--max-traces N] [--max-bytes SIZE] [--max-age AGE] [--tree]',
  help: viewHelp,
  async run(args, io) {
    const options = parseViewArgs(args, process.stdout.isTTY === true);
    const view = await runView({ ...options, out: io.out, err: io.err }).catch((error: unknown) => {
      // The usual cause is a collector or Jaeger (docker compose) already holding 4317/4318/16686.
      if (error instanceof Error && error.message.includes('EADDRINUSE')) {
        throw new Error(`${error.message}\n(is another OTLP receiver or Jaeger running? pick free ports with --port, --http-port, --ui-port, or 0 for any)`);
      }
      throw error;
    });
    if (!io.stopSignal.aborted) await once(io.stopSignal, 'abort');
    await view.close();
    return 0;
  },
};
