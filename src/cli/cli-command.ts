/** What every `llm-otel` subcommand gets: output sinks and a stop request. */
export interface CliIo {
  /** Normal output; each call gets whole lines ending in '\n'. */
  out: (text: string) => void;
  /** Diagnostics and usage errors; whole lines ending in '\n'. */
  err: (text: string) => void;
  /** Aborted on SIGINT/SIGTERM; long-running commands finish when it fires. */
  stopSignal: AbortSignal;
}

export interface CliCommand {
  /** One line for the command list in `llm-otel help`. */
  summary: string;
  /** Arguments after the command name, e.g. '[--port N] [--host H]'. */
  usage: string;
  /** Longer text for `llm-otel <name> --help`; the usage line and summary when absent. */
  help?: () => string;
  /** Resolves with the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Bad arguments: reported with the command's usage and exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}
