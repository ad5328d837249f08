import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-traced-app.js';

describe('llm-otel demo', () => {
  it('prints a trace tree with chat spans carrying model and token counts', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/cli/main.js'), 'demo'], { cwd: REPO_ROOT });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(code, out).toBe(0);
    expect(out).toMatch(/trace [0-9a-f]{32} {2}\(4 spans, service llm-otel-demo\)/);
    expect(out).toMatch(/^answer-question {2}\d+\.\d ms$/m);
    const chatLines = out.split('\n').filter((l) => /chat gpt-4o-mini .* model=gpt-4o-mini {2}in=\d+ out=8 {2}http=200$/.test(l));
    expect(chatLines).toHaveLength(2);
    expect(out).toMatch(/embeddings text-embedding-3-small .* in=2 {2}http=200/);
    // stdin is not a terminal here, so the demo exits after printing where its trace is.
    const traceId = /trace ([0-9a-f]{32}) {2}\(4 spans/.exec(out)![1];
    expect(out).toMatch(new RegExp(`^Open the demo trace: http://127\\.0\\.0\\.1:\\d+/#/trace/${traceId}$`, 'm'));
    expect(out).not.toContain('keeps running');
  });
});
