import { describe, expect, it } from 'vitest';

import { runCli } from '../../../src/cli/run-cli.js';

function captureIo(stopSignal = new AbortController().signal) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stopSignal } };
}

describe('runCli', () => {
  it('prints usage on stderr and exits 2 for an unknown command', async () => {
    const { out, err, io } = captureIo();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toContain("llm-otel: unknown command 'frobnicate'");
    expect(err.join('')).toContain('llm-otel view [--port N] [--http-port N] [--ui-port N] [--host H]');
  });

  it('does not treat Object.prototype keys as commands', async () => {
    const { io } = captureIo();
    expect(await runCli(['constructor'], io)).toBe(2);
  });

  it('prints usage on stdout for help, --help and no arguments', async () => {
    for (const argv of [['help'], ['--help'], []]) {
      const { out, err, io } = captureIo();
      expect(await runCli(argv, io)).toBe(0);
      expect(out.join('')).toMatch(/^Usage:\n {2}llm-otel view /);
      expect(err).toEqual([]);
    }
  });

  it('rejects a bad --port or unknown flag for view with exit 2', async () => {
    for (const argv of [['view', '--port', '70000'], ['view', '--port', 'x'], ['view', '--colour']]) {
      const { err, io } = captureIo();
      expect(await runCli(argv, io)).toBe(2);
      expect(err.join('')).toMatch(/^llm-otel view: .*\nUsage: llm-otel view \[--port N\]/);
    }
  });

  it('prints the view help with the store bounds and exits 0', async () => {
    const { out, io } = captureIo();
    expect(await runCli(['view', '--help'], io)).toBe(0);
    const help = out.join('');
    expect(help).toMatch(/^Usage: llm-otel view \[options\]\n/);
    expect(help).toContain('--max-traces N    keep at most N traces (default 10000)');
    expect(help).toContain('the traces that started first are dropped, whole');
    expect(help).toMatch(/--db PATH .*llm-otel[\\/]traces\.db\)/);
  });

  it('rejects bad store bounds and --db with --memory', async () => {
    for (const [argv, message] of [
      [['view', '--max-bytes', '12 parsecs'], "--max-bytes must be a positive amount like 256MB (units: b, kb, mb, gb), got '12 parsecs'"],
      [['view', '--max-age', '0d'], '--max-age must be a positive amount'],
      [['view', '--db', 'x.db', '--memory'], '--db and --memory exclude each other'],
    ] as const) {
      const { err, io } = captureIo();
      expect(await runCli([...argv], io)).toBe(2);
      expect(err.join('')).toContain(message);
    }
  });

  it('runs view until the stop signal fires, then exits 0', async () => {
    const stop = new AbortController();
    const { out, io } = captureIo(stop.signal);
    const exit = runCli(['view', '--port', '0', '--http-port', '0', '--ui-port', '0', '--memory', '--host', '127.0.0.1'], io);
    while (out.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(out[0]).toMatch(
      /^llm-otel view: OTLP\/gRPC on 127\.0\.0\.1:\d+, OTLP\/HTTP on 127\.0\.0\.1:\d+, UI on http:\/\/127\.0\.0\.1:\d+\n$/,
    );
    expect(out).toHaveLength(1);
    stop.abort();
    expect(await exit).toBe(0);
  });

  it('exits 1 with a message when the port is taken', async () => {
    const first = captureIo();
    const stop = new AbortController();
    const ephemeral = ['--http-port', '0', '--ui-port', '0', '--memory'];
    const running = runCli(['view', '--port', '0', ...ephemeral], { ...first.io, stopSignal: stop.signal });
    while (first.out.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const port = /OTLP\/gRPC on 127\.0\.0\.1:(\d+),/.exec(first.out[0]!)![1]!;

    const second = captureIo();
    expect(await runCli(['view', '--port', port, ...ephemeral], second.io)).toBe(1);
    const message = second.err.join('');
    expect(message).toMatch(new RegExp(`^llm-otel view: cannot listen for OTLP/gRPC on 127.0.0.1:${port}: `));
    expect(message).toContain('EADDRINUSE');
    expect(message).toMatch(/\n\(is another OTLP receiver or Jaeger running\? pick free ports with --port, --http-port, --ui-port, or 0 for any\)\n$/);
    stop.abort();
    await running;
  });

  it('prints the version for --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const { out, io } = captureIo();
      expect(await runCli([flag], io)).toBe(0);
      expect(out.join('')).toMatch(/^llm-otel \d+\.\d+\.\d+\n$/);
    }
  });

  it('prints help for --help or -h on every command, without running it', async () => {
    for (const name of ['view', 'demo', 'router', 'mock-server']) {
      for (const flag of ['--help', '-h']) {
        const { out, err, io } = captureIo();
        // --port 70000 would be a usage error if the command ran.
        expect(await runCli([name, '--port', '70000', flag], io)).toBe(0);
        expect(out.join('')).toMatch(new RegExp(`^Usage: llm-otel ${name} `));
        expect(err).toEqual([]);
      }
    }
  });
});
