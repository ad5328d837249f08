import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-traced-app.js';

describe('llm-otel demo', () => {
  it('prints one tree from the app through the router to the backend, with model and token counts', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/cli/main.js'), 'demo'], { cwd: REPO_ROOT });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    const code = await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(code, out).toBe(0);
    // The app's 4 spans, and beneath each chat call the router's request span with its 5 stage
    // and upstream spans, beneath the embeddings call the router's request span and its upstream call.
    expect(out).toMatch(/trace [0-9a-f]{32} {2}\(18 spans, service llm-otel-demo\)/);
    const tree = out.slice(out.indexOf('answer-question')).split('\n');
    expect(tree[0]).toMatch(/^answer-question {2}\d+\.\d ms$/);
    const shape = tree.slice(1, 18).map((line) => line.replace(/ {2}\d+\.\d ms.*$/, ''));
    expect(shape).toEqual([
      '├─ chat auto',
      '│  └─ semantic_router.request.received',
      '│     ├─ semantic_router.signal.evaluation',
      '│     │  └─ semantic_router.signal.keyword',
      '│     ├─ semantic_router.decision.evaluation',
      '│     ├─ semantic_router.plugin.execution',
      '│     └─ chat gpt-4o-mini',
      '├─ chat auto',
      '│  └─ semantic_router.request.received',
      '│     ├─ semantic_router.signal.evaluation',
      '│     │  └─ semantic_router.signal.keyword',
      '│     ├─ semantic_router.decision.evaluation',
      '│     ├─ semantic_router.plugin.execution',
      '│     └─ chat gpt-4o-mini',
      '└─ embeddings text-embedding-3-small',
      '   └─ semantic_router.request.received',
      '      └─ embeddings text-embedding-3-small',
    ]);
    // The app asked for auto; the router chose gpt-4o-mini and called the backend with it.
    expect(tree.filter((l) => /chat auto .* model=auto -> gpt-4o-mini {2}in=\d+ out=8 {2}http=200$/.test(l))).toHaveLength(2);
    expect(tree.filter((l) => /└─ chat gpt-4o-mini .* model=gpt-4o-mini {2}in=\d+ out=8 {2}http=200$/.test(l))).toHaveLength(2);
    expect(out).toMatch(/embeddings text-embedding-3-small .* in=2 {2}http=200/);
    // stdin is not a terminal here, so the demo exits after printing where its trace is.
    const traceId = /trace ([0-9a-f]{32}) {2}\(18 spans/.exec(out)![1];
    expect(out).toMatch(new RegExp(`^Open the demo trace: http://127\\.0\\.0\\.1:\\d+/#/trace/${traceId}$`, 'm'));
    expect(out).not.toContain('keeps running');
  });
});
