import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';
import { localOpenAiConfigYaml } from '../helpers/local-openai-config.js';
import { startRawOtlpCollector, type RawOtlpCollector } from './helpers/raw-otlp-collector.js';

const APP = path.join(REPO_ROOT, 'test/faults/apps/prompt-quoting-errors.mjs');
const PROMPT = 'Zephyrine the quokka spreads marmalade under the obsidian lighthouse';
/** The prompt and every word of it long enough to be telling; none may leave the process. */
const PROMPT_PIECES = [PROMPT, ...PROMPT.split(' ').filter((word) => word.length >= 8), 'quokka spreads'];

let collector: RawOtlpCollector;
let traced: AppRun;
let untraced: AppRun;

beforeAll(async () => {
  collector = await startRawOtlpCollector();
  const env = { PROMPT };
  untraced = await runTracedApp(APP, { env, traced: false, timeoutMs: 30_000 });
  traced = await runTracedApp(APP, {
    env,
    timeoutMs: 30_000,
    configYaml: localOpenAiConfigYaml(collector.endpoint, ['capture_content: false']),
  });
  await collector.waitForSpans(3, 10_000);
}, 90_000);

afterAll(async () => {
  await collector?.close();
});

describe('provider errors quoting the prompt, content capture off', () => {
  it('the app sees what it sees untraced, prompt included', () => {
    expect(untraced.results).toHaveLength(3);
    expect(JSON.stringify(untraced.results)).toContain(PROMPT);
    expect({ code: traced.code, stderr: traced.stderr, results: traced.results }).toEqual({ code: untraced.code, stderr: untraced.stderr, results: untraced.results });
  });

  it('no part of the prompt is in the exported bytes', () => {
    const bytes = Buffer.concat(collector.exports).toString('utf8');
    expect(bytes.length).toBeGreaterThan(0);
    expect(PROMPT_PIECES.filter((piece) => bytes.includes(piece))).toEqual([]);
  });

  it('error.type is the provider type when it is an identifier, else the status code or _OTHER; the message keeps what is not the prompt', () => {
    const spans = collector.spans().map((span) => ({ type: span.attributes['error.type'], status: span.status.code, message: span.status.message }));
    expect(spans).toEqual([
      { type: '400', status: 2, message: `Invalid 'messages[0].content': the text "…" was flagged` },
      { type: 'invalid_request_error', status: 2, message: '… is not allowed' },
      { type: '_OTHER', status: 2, message: 'stream stopped at: …' },
    ]);
  });
});
