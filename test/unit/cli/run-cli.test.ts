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
    expect(err.join('')).toContain('llm-otel view [--port N] [--host H]');
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

  it('runs view until the stop signal fires, then exits 0', async () => {
    const stop = new AbortController();
    const { out, io } = captureIo(stop.signal);
    const exit = runCli(['view', '--port', '0', '--host', '127.0.0.1'], io);
    while (out.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(out[0]).toMatch(/^llm-otel view: listening for OTLP\/gRPC on 127\.0\.0\.1:\d+\n$/);
    stop.abort();
    expect(await exit).toBe(0);
  });

  it('exits 1 with a message when the port is taken', async () => {
    const first = captureIo();
    const stop = new AbortController();
    const running = runCli(['view', '--port', '0'], { ...first.io, stopSignal: stop.signal });
    while (first.out.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const port = /:(\d+)\n$/.exec(first.out[0]!)![1]!;

    const second = captureIo();
    expect(await runCli(['view', '--port', port], second.io)).toBe(1);
    const message = second.err.join('');
    expect(message).toMatch(new RegExp(`^llm-otel view: cannot listen for OTLP/gRPC on 127.0.0.1:${port}: `));
    expect(message).toContain('EADDRINUSE');
    expect(message).toMatch(/\n\(is another OTLP receiver running\? pick a free port with --port\)\n$/);
    stop.abort();
    await running;
  });
});
