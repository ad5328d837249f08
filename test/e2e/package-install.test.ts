import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-traced-app.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * What a user gets from `npm install llm-otel`: the tarball `npm pack` makes, installed into an
 * empty folder. It catches a file left out of `files`, a bin that is not executable, an export
 * map that points at nothing, and a runtime import of a devDependency.
 */
describe('the packed package, installed into a fresh folder', () => {
  let folder: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'llm-otel-installed-'));
    // dist/ is already built by pretest; --ignore-scripts keeps pack from building it again.
    const { stdout } = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], { cwd: REPO_ROOT });
    const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
    await writeFile(path.join(folder, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
    // The dependencies come from the npm cache that `npm ci` filled, the registry otherwise.
    await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(folder, filename)], {
      cwd: folder,
      timeout: 240_000,
    });
  }, 300_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await rm(folder, { recursive: true, force: true });
  });

  /** Starts an installed `llm-otel` command; resolves with its first line once printed. */
  async function startBin(args: string[]): Promise<{ firstLine: string; output: () => string }> {
    const child = spawn(path.join(folder, 'node_modules/.bin/llm-otel'), args, { cwd: folder });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', () => out.includes('\n') && resolve(out.slice(0, out.indexOf('\n'))));
      child.on('exit', (code) => reject(new Error(`llm-otel ${args.join(' ')} exited ${code}: ${out}`)));
    });
    return { firstLine, output: () => out };
  }

  it('ships the license, docs and examples, and no test or source files', async () => {
    const installed = path.join(folder, 'node_modules/llm-otel');
    const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.repository).toMatchObject({ type: 'git' });
    expect(await readFile(path.join(installed, 'LICENSE'), 'utf8')).toContain('Apache License');
    // Every relative link the README makes resolves inside the package.
    const readme = await readFile(path.join(installed, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(((?:docs|examples)\/[^)#\s]+)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) await expect(readFile(path.join(installed, link))).resolves.toBeDefined();
    await expect(readFile(path.join(installed, 'test/e2e/package-install.test.ts'))).rejects.toThrow();
    await expect(readFile(path.join(installed, 'src/register.ts'))).rejects.toThrow();
  });

  it('answers --version and --help on every command', async () => {
    const bin = path.join(folder, 'node_modules/.bin/llm-otel');
    const { stdout: version } = await run(bin, ['--version']);
    const own = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version).toBe(`llm-otel ${own.version}\n`);
    for (const command of ['view', 'demo', 'router', 'mock-server']) {
      const { stdout } = await run(bin, [command, '--help']);
      expect(stdout).toMatch(new RegExp(`^Usage: llm-otel ${command} `));
    }
  });

  it('traces an app run with --import llm-otel/register into the installed viewer, against the installed mock server', async () => {
    const view = await startBin(['view', '--memory', '--port', '0', '--http-port', '0', '--ui-port', '0', '--tree']);
    const grpcPort = /OTLP\/gRPC on 127\.0\.0\.1:(\d+)/.exec(view.firstLine)?.[1];
    expect(grpcPort, view.firstLine).toBeDefined();
    const mock = await startBin(['mock-server', '--port', '0']);
    const baseUrl = /listening on (http:\/\/\S+)/.exec(mock.firstLine)?.[1];
    expect(baseUrl, mock.firstLine).toBeDefined();

    await writeFile(
      path.join(folder, 'app.mjs'),
      `const response = await fetch(process.env.BASE_URL + '/chat/completions', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
  body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
});
console.log('status', response.status, (await response.json()).model);
`,
    );
    const { stdout, stderr } = await run(process.execPath, ['--import', 'llm-otel/register', 'app.mjs'], {
      cwd: folder,
      timeout: 30_000,
      env: { ...process.env, BASE_URL: baseUrl, OTLP_ENDPOINT: `http://127.0.0.1:${grpcPort}`, OTEL_SERVICE_NAME: 'installed-app' },
    });
    expect(stdout, stderr).toBe('status 200 gpt-4o-mini\n');

    // The viewer prints each trace it receives as a tree on stdout (--tree).
    const deadline = Date.now() + 20_000;
    while (!/chat gpt-4o-mini/.test(view.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(view.output()).toMatch(/\(1 spans?, service installed-app\)/);
    expect(view.output()).toContain('chat gpt-4o-mini');
  }, 60_000);
});
