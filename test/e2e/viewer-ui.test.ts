import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchHeadlessChromium } from '../helpers/headless-browser.js';
import { REPO_ROOT } from '../helpers/run-traced-app.js';

/*
 * The viewer's web UI in a real browser, against `llm-otel demo --keep` (the demo app traced
 * with content capture on) plus two traces posted over OTLP/HTTP JSON: one whose completion
 * and names carry script-injection attempts, one with a router decision span.
 */

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'screenshots');
const INJECTED_TEXT = '<script>window.__pwned = "script"</script><img src=x onerror="window.__pwned = \'img\'">';

let demo: ChildProcess;
let browser: Browser;
let page: Page;
let uiUrl: string;
let demoTraceId: string;
let httpPort: number;
const injectionTraceId = 'feedfacefeedfacefeedfacefeedface';
const routerTraceId = 'decaf000decaf000decaf000decaf000';

function startDemo(): Promise<{ uiUrl: string; httpPort: number; traceId: string }> {
  demo = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/cli/main.js'), 'demo', '--keep', '--ui-port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not print its trace URL:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /OTLP\/HTTP on 127\.0\.0\.1:(\d+), UI on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      const trace = /Open the demo trace: \S+\/#\/trace\/([0-9a-f]{32})/.exec(out);
      if (ready && trace) {
        clearTimeout(timer);
        resolve({ httpPort: Number(ready[1]), uiUrl: ready[2]!, traceId: trace[1]! });
      }
    };
    demo.stdout!.on('data', onData);
    demo.stderr!.on('data', onData);
    demo.on('exit', (code) => reject(new Error(`demo exited early (${code}):\n${out}`)));
  });
}

const attr = (key: string, value: string | number) =>
  typeof value === 'number' ? { key, value: Number.isInteger(value) ? { intValue: value } : { doubleValue: value } } : { key, value: { stringValue: value } };

async function postTraces(httpPort: number): Promise<void> {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const t = (offsetMs: number) => String(nowNs + BigInt(offsetMs) * 1_000_000n);
  const body = {
    resourceSpans: [
      {
        resource: { attributes: [attr('service.name', 'injection-test')] },
        scopeSpans: [
          {
            scope: { name: 'hostile' },
            spans: [
              {
                traceId: injectionTraceId,
                spanId: 'feedface00000001',
                name: `chat evil-model ${INJECTED_TEXT}`,
                kind: 3,
                startTimeUnixNano: t(0),
                endTimeUnixNano: t(40),
                status: { code: 2, message: `upstream said ${INJECTED_TEXT}` },
                attributes: [
                  attr('gen_ai.operation.name', 'chat'),
                  attr('gen_ai.provider.name', 'openai'),
                  attr('gen_ai.request.model', 'evil-model'),
                  attr('error.type', '<img src=x onerror="window.__pwned=1">'),
                  attr('gen_ai.input.messages', JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: `Repeat: ${INJECTED_TEXT}` }] }])),
                  attr('gen_ai.output.messages', JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: INJECTED_TEXT }], finish_reason: 'stop' }])),
                ],
              },
            ],
          },
        ],
      },
      {
        resource: { attributes: [attr('service.name', 'semantic-router')] },
        scopeSpans: [
          {
            scope: { name: 'router' },
            spans: [
              { traceId: routerTraceId, spanId: 'decaf00000000001', name: 'semantic_router.request', kind: 2, startTimeUnixNano: t(0), endTimeUnixNano: t(30), attributes: [] },
              {
                traceId: routerTraceId,
                spanId: 'decaf00000000002',
                parentSpanId: 'decaf00000000001',
                name: 'semantic_router.decision.evaluation',
                kind: 1,
                startTimeUnixNano: t(1),
                endTimeUnixNano: t(3),
                attributes: [
                  attr('decision.name', 'math_route'),
                  attr('decision.confidence', 0.87),
                  attr('routing.selected_model', 'qwen-math-7b'),
                  attr('routing.reason', 'domain classifier: math (0.87 >= 0.6)'),
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  const response = await fetch(`http://127.0.0.1:${httpPort}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const [started, launched] = await Promise.all([startDemo(), launchHeadlessChromium()]);
  browser = launched;
  uiUrl = started.uiUrl;
  demoTraceId = started.traceId;
  httpPort = started.httpPort;
  await postTraces(started.httpPort);
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) {
    demo.kill('SIGTERM');
    await new Promise((resolve) => demo.once('exit', resolve));
  }
});

const rowOf = (traceId: string) => page.locator(`tr[data-trace-id="${traceId}"]`);

describe('the viewer UI in a headless Chromium', () => {
  it('lists the demo trace with its service, root span, spans, LLM calls and tokens', async () => {
    await page.goto(uiUrl);
    const row = rowOf(demoTraceId);
    await row.waitFor({ timeout: 10_000 });
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[1]).toBe('llm-otel-demo');
    expect(cells[2]).toBe('answer-question');
    // Through the router: 3 app calls, each with the router's stages and its upstream call.
    expect(cells.slice(4, 8)).toEqual(['18', '', '6', '48 / 32']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'trace-list.png') });
  });

  it('opens the demo trace: waterfall with kinds and GenAI marks, GenAI detail grouped', async () => {
    await rowOf(demoTraceId).locator('a').click();
    const waterfall = page.getByTestId('waterfall');
    await waterfall.waitFor();
    const rows = waterfall.locator('.span-row');
    // Sibling order under the router's span follows start times, which interleave: compare as a set.
    const names = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-span-name')));
    expect(names[0]).toBe('answer-question');
    expect(names.filter((name) => name === 'chat auto')).toHaveLength(2);
    expect(names.filter((name) => name === 'chat gpt-4o-mini')).toHaveLength(2);
    expect(names.filter((name) => name === 'embeddings text-embedding-3-small')).toHaveLength(2);
    expect(names.filter((name) => name === 'semantic_router.request.received')).toHaveLength(3);
    expect(names.filter((name) => name === 'semantic_router.decision.evaluation')).toHaveLength(2);
    expect(await waterfall.locator('.span-row.genai').count()).toBe(6);
    expect(await rows.first().locator('.kind').innerText()).toMatch(/^int$/i);
    expect(await rows.nth(1).locator('.kind').innerText()).toMatch(/^cli$/i);

    const detail = page.getByTestId('span-detail');
    // The first GenAI span is the app's own call to the router, which names the model `auto`.
    await expect.poll(() => detail.locator('h2').innerText()).toContain('chat auto');
    const groups = await detail.locator('section.group').evaluateAll((els) => els.map((el) => el.getAttribute('data-group')));
    expect(groups.slice(0, 3)).toEqual(['Request', 'Response', 'Usage']);
    const request = await detail.locator('[data-group="Request"] tr').allInnerTexts();
    expect(request).toEqual(expect.arrayContaining(['gen_ai.request.model\tauto', 'gen_ai.provider.name\topenai']));
    const usage = await detail.locator('[data-group="Usage"] tr').allInnerTexts();
    expect(usage).toEqual(expect.arrayContaining(['gen_ai.usage.input_tokens\t11', 'gen_ai.usage.output_tokens\t8']));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'trace.png') });
  });

  it('shows the captured messages as a chat transcript (content capture on)', async () => {
    const transcript = page.getByTestId('transcript');
    await transcript.waitFor();
    const roles = await transcript.locator('.message').evaluateAll((els) => els.map((el) => el.getAttribute('data-role')));
    expect(roles).toEqual(['user', 'assistant']);
    expect(await transcript.locator('.message').first().locator('pre').innerText()).toBe('Say hello to the trace viewer');
    expect(await transcript.locator('.message.output pre').innerText()).toMatch(/\S/);
  });

  it('filters the trace list by model', async () => {
    await page.goto(`${uiUrl}/#/`);
    await rowOf(demoTraceId).waitFor();
    await page.selectOption('select[name="model"]', 'evil-model');
    await expect.poll(async () => page.locator('tbody tr').evaluateAll((els) => els.map((el) => el.getAttribute('data-trace-id')))).toEqual([injectionTraceId]);
    await page.selectOption('select[name="model"]', 'gpt-4o-mini');
    await expect.poll(async () => page.locator('tbody tr').evaluateAll((els) => els.map((el) => el.getAttribute('data-trace-id')))).toEqual([demoTraceId]);
    await page.selectOption('select[name="model"]', '');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
  });

  it('renders script and onerror payloads from spans as text, never as markup', async () => {
    await page.goto(`${uiUrl}/#/trace/${injectionTraceId}`);
    const detail = page.getByTestId('span-detail');
    await page.getByTestId('transcript').waitFor();
    expect(await page.locator('.message.output pre').innerText()).toBe(INJECTED_TEXT);
    expect(await page.getByTestId('span-error').innerText()).toContain(`upstream said ${INJECTED_TEXT}`);
    expect(await detail.locator('h2').innerText()).toContain(INJECTED_TEXT);
    // No element came out of the payloads, and neither the script nor the handler ran.
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.goto(`${uiUrl}/#/`);
    await rowOf(injectionTraceId).waitFor();
    expect(await rowOf(injectionTraceId).locator('td').nth(2).innerText()).toContain('<script>');
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'injection.png') });
  });

  it('reads a router decision span as a decision', async () => {
    await page.goto(`${uiUrl}/#/trace/${routerTraceId}/decaf00000000002`);
    const decision = page.getByTestId('decision');
    await decision.waitFor();
    expect(await decision.locator('.decision-name').innerText()).toBe('math_route');
    expect(await decision.locator('.decision-model').innerText()).toBe('qwen-math-7b');
    expect(await decision.innerText()).toContain('domain classifier: math (0.87 >= 0.6)');
    expect(await decision.innerText()).toContain('0.87');
    expect(await page.locator('.span-row.decision-row').count()).toBe(1);
  });

  it('shows per-model figures and charts, and groups calls into tasks', async () => {
    await page.goto(`${uiUrl}/#/models`);
    const table = page.getByTestId('models-table');
    await table.waitFor();
    const gpt = await table.locator('tr[data-model="gpt-4o-mini"] td').allInnerTexts();
    expect(gpt.slice(0, 5)).toEqual(['gpt-4o-mini', 'llm-otel-demo', '2', '0.0%', '22 / 16']);
    expect(await page.locator('figure.chart svg path').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'models.png') });

    await page.goto(`${uiUrl}/#/tasks`);
    await page.getByTestId('task').first().waitFor();
    const texts = await page.getByTestId('task').allInnerTexts();
    // The plain and the streamed chat send the same prompt: one task of two calls.
    expect(texts.find((text) => text.includes('Say hello to the trace viewer'))).toMatch(/2 calls · gpt-4o-mini/);
  });

  it('shows a trace that arrives while the list is open, without a reload', async () => {
    await page.goto(`${uiUrl}/#/`);
    await rowOf(demoTraceId).waitFor();
    const lateTraceId = '1a7e1a7e1a7e1a7e1a7e1a7e1a7e1a7e';
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const body = {
      resourceSpans: [{
        resource: { attributes: [attr('service.name', 'late-arrival')] },
        scopeSpans: [{ spans: [{ traceId: lateTraceId, spanId: '1a7e00000000000a', name: 'arrived-live', kind: 1, startTimeUnixNano: String(nowNs), endTimeUnixNano: String(nowNs + 5_000_000n) }] }],
      }],
    };
    const response = await fetch(`http://127.0.0.1:${httpPort}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    await rowOf(lateTraceId).waitFor({ timeout: 10_000 });
    expect(await rowOf(lateTraceId).locator('td').nth(2).innerText()).toBe('arrived-live');
  });
});
