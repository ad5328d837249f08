#!/usr/bin/env node
// `llm-otel` bin entry. Subcommands live in commands.ts; this file only wires
// the process (argv, stdout/stderr, signals, exit code) to runCli.
import { runCli } from './run-cli.js';

const stop = new AbortController();
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C means "now": do not wait for a graceful close.
    if (stopping) process.exit(130);
    stopping = true;
    stop.abort();
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  stopSignal: stop.signal,
});
