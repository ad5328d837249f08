import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTracingConfig } from '../../src/config/index.js';
import { REPO_ROOT, runTracedApp } from '../helpers/run-traced-app.js';

const APP = path.join(REPO_ROOT, 'test/faults/apps/one-llm-call.mjs');
const UNTRACED = '. Tracing is off; the app runs untraced.';
const ALLOWED = 'the path of a regular YAML file of at most 2,097,152 bytes (2 MiB)';
/** A start-up that hangs is killed here; the untraced app itself needs well under a second. */
const RUN_LIMIT_MS = 20_000;

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-config-limits-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A router-style configuration of about `bytes` bytes with the tracing block at `blockAt`
 * (`start`, `middle`, `end`): what a user gets when the router's routes share the file.
 */
function routerConfig(bytes: number, blockAt: 'start' | 'middle' | 'end' = 'middle', tracingLines = ['enabled: true', 'capture_content: true']): string {
  const block = ['observability:', '  tracing:', ...tracingLines.map((line) => `    ${line}`), ''].join('\n');
  const routes: string[] = ['router:', '  routes:'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const route = `    - name: route-${i}\n      match: { keywords: ["alpha${i}", "beta ${i}"] }\n      model: gpt-4o-mini-${i}\n      weight: ${i % 10}`;
    routes.push(route);
    size += route.length + 1;
  }
  const half = Math.floor(routes.length / 2);
  if (blockAt === 'start') return block + routes.join('\n') + '\n';
  if (blockAt === 'end') return routes.join('\n') + '\n' + block;
  return [...routes.slice(0, half), block + 'second:', '  routes:', ...routes.slice(half + 1)].join('\n') + '\n';
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('LLM_OTEL_CONFIG naming something that is not a small regular file', () => {
  const cases: Array<[string, () => string, string]> = [
    ['/dev/zero (never ends)', () => '/dev/zero', 'a character device, not a regular file'],
    ['a FIFO (blocks until a writer appears)', () => {
      const fifo = path.join(dir, 'config.fifo');
      execFileSync('mkfifo', [fifo]);
      return fifo;
    }, 'a FIFO, not a regular file'],
    ['a directory', () => {
      const folder = path.join(dir, 'config-folder.yaml');
      fs.mkdirSync(folder);
      return folder;
    }, 'a directory, not a regular file'],
    ['a 10 MB YAML file', () => write('ten-mb.yaml', routerConfig(10_000_000)), 'a file of SIZE bytes'],
  ];

  it.each(cases)('%s: one exact line naming the variable, then the app runs as it does untraced', async (_name, makePath, found) => {
    const file = makePath();
    const untraced = await runTracedApp(APP, { traced: false, timeoutMs: RUN_LIMIT_MS });
    const run = await runTracedApp(APP, { env: { LLM_OTEL_CONFIG: file }, timeoutMs: RUN_LIMIT_MS });
    const size = fs.statSync(file).size.toLocaleString('en-US');
    expect({ signal: run.signal, code: run.code, stderr: run.stderr, results: run.results }).toEqual({
      signal: null,
      code: untraced.code,
      stderr: `llm-otel: invalid configuration in environment: LLM_OTEL_CONFIG: found ${JSON.stringify(file)} (${found.replace('SIZE', size)}); allowed: ${ALLOWED}${UNTRACED}\n`,
      results: untraced.results,
    });
  }, 60_000);

  it('a default llm-otel.yaml that is a FIFO is named as the file', async () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
    execFileSync('mkfifo', [path.join(cwd, 'llm-otel.yaml')]);
    const run = await runTracedApp(APP, { cwd, timeoutMs: RUN_LIMIT_MS });
    expect({ signal: run.signal, stderr: run.stderr, results: run.results }).toEqual({
      signal: null,
      stderr: `llm-otel: invalid configuration in ${path.join(cwd, 'llm-otel.yaml')}: (file): found a FIFO, not a regular file; allowed: a regular YAML file of at most 2,097,152 bytes (2 MiB)${UNTRACED}\n`,
      results: [{ status: 200, traced: false }],
    });
  }, 60_000);
});

describe('a 1 MB router configuration holding the tracing block', () => {
  it('starts the app traced, reading the block', async () => {
    const file = write('one-mb.yaml', routerConfig(1_000_000, 'middle', ['enabled: true', 'metrics: { enabled: false }', 'exporter: { endpoint: "127.0.0.1:9", timeout_ms: 200 }']));
    const run = await runTracedApp(APP, { env: { LLM_OTEL_CONFIG: file }, timeoutMs: RUN_LIMIT_MS });
    expect({ signal: run.signal, results: run.results }).toEqual({ signal: null, results: [{ status: 200, traced: true }] });
  }, 60_000);

  it.each(['start', 'middle', 'end'] as const)('block at the %s: the same settings as a whole-file parse, loaded in far less than a whole-file parse takes', (blockAt) => {
    const text = routerConfig(1_000_000, blockAt, ['capture_content: true', 'max_content_bytes: 1234', 'sampling: { type: probabilistic, rate: 0.25 }']);
    const file = write(`one-mb-${blockAt}.yaml`, text);
    const started = performance.now();
    const config = loadTracingConfig({ env: { LLM_OTEL_CONFIG: file } });
    const elapsedMs = performance.now() - started;
    const wholeFileStarted = performance.now();
    const wholeFile = parse(text) as { observability: { tracing: Record<string, unknown> } };
    const wholeFileMs = performance.now() - wholeFileStarted;
    expect(wholeFile.observability.tracing).toEqual({ capture_content: true, max_content_bytes: 1234, sampling: { type: 'probabilistic', rate: 0.25 } });
    expect({ captureContent: config.captureContent, maxContentBytes: config.maxContentBytes, sampling: config.sampling }).toEqual({
      captureContent: true,
      maxContentBytes: 1234,
      sampling: { type: 'probabilistic', rate: 0.25 },
    });
    // Relative to a whole-file parse in the same test (over a second per MB), so a loaded machine
    // slows both sides; measured alone the load takes ~15 ms against ~1,200 ms.
    expect(elapsedMs).toBeLessThan(wholeFileMs / 4);
  });

  it('an error inside the block reports the line number of the file', () => {
    const text = routerConfig(1_000_000, 'end', ['sampling: [unclosed']);
    const file = write('one-mb-bad.yaml', text);
    const line = text.split('\n').findIndex((l) => l.includes('[unclosed')) + 1;
    expect(() => loadTracingConfig({ env: { LLM_OTEL_CONFIG: file } })).toThrow(`at line ${line + 1}, column 1`);
  });

  it('an alias to an anchor outside the block still resolves (the whole file is parsed then)', () => {
    const text = 'shared: &rate 0.5\n' + routerConfig(1_000_000, 'end', ['sampling: { type: probabilistic, rate: *rate }']);
    const config = loadTracingConfig({ env: { LLM_OTEL_CONFIG: write('one-mb-alias.yaml', text) } });
    expect(config.sampling).toEqual({ type: 'probabilistic', rate: 0.5 });
  });

  it('two observability entries are a duplicate key, as in a whole-file parse', () => {
    const text = routerConfig(1_000_000, 'middle') + 'observability:\n  tracing: {}\n';
    expect(() => loadTracingConfig({ env: { LLM_OTEL_CONFIG: write('one-mb-twice.yaml', text) } })).toThrow('Map keys must be unique');
  });
});
