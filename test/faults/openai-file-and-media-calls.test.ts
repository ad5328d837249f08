import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedSpan } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';
import { localOpenAiConfigYaml } from '../helpers/local-openai-config.js';
import { startRawOtlpCollector, type RawOtlpCollector } from './helpers/raw-otlp-collector.js';

const APP = path.join(REPO_ROOT, 'test/faults/apps/openai-file-and-media-calls.mjs');
const CALLS = 11;

let collector: RawOtlpCollector;
let traced: AppRun;
let untraced: AppRun;

beforeAll(async () => {
  collector = await startRawOtlpCollector();
  untraced = await runTracedApp(APP, { traced: false, timeoutMs: 30_000 });
  traced = await runTracedApp(APP, {
    timeoutMs: 30_000,
    configYaml: localOpenAiConfigYaml(collector.endpoint),
  });
  await collector.waitForSpans(CALLS, 10_000);
}, 90_000);

afterAll(async () => {
  await collector?.close();
});

/** The GenAI facts of a span, as one comparable object. */
function factsOf(span: ReceivedSpan) {
  const a = span.attributes;
  return Object.fromEntries(
    Object.entries({
      name: span.name,
      operation: a['gen_ai.operation.name'],
      provider: a['gen_ai.provider.name'],
      model: a['gen_ai.request.model'],
      responseModel: a['gen_ai.response.model'],
      responseId: a['gen_ai.response.id'],
      outputType: a['gen_ai.output.type'],
      inputTokens: a['gen_ai.usage.input_tokens'],
      outputTokens: a['gen_ai.usage.output_tokens'],
      status: span.status.code,
    }).filter(([, value]) => value !== undefined),
  );
}

describe('OpenAI audio, image edit, moderation, file and batch calls', () => {
  it('the app gets what it gets untraced, request bodies the same size', () => {
    expect(untraced.results).toHaveLength(CALLS);
    expect(untraced.results.filter((r) => (r as { error?: string }).error !== undefined)).toEqual([]);
    expect({ code: traced.code, stderr: traced.stderr, results: traced.results }).toEqual({ code: untraced.code, stderr: untraced.stderr, results: untraced.results });
  });

  it('each gets a span with provider, operation, model and the usage the response reports', () => {
    expect(collector.spans().map(factsOf)).toEqual([
      { name: 'audio_transcription gpt-4o-transcribe', operation: 'audio_transcription', provider: 'openai', model: 'gpt-4o-transcribe', inputTokens: 14, outputTokens: 3, status: 0 },
      { name: 'audio_transcription whisper-1', operation: 'audio_transcription', provider: 'openai', model: 'whisper-1', inputTokens: 14, outputTokens: 3, status: 0 },
      { name: 'audio_transcription whisper-1', operation: 'audio_transcription', provider: 'openai', model: 'whisper-1', inputTokens: 14, outputTokens: 3, status: 0 },
      { name: 'audio_transcription gpt-4o-mini-transcribe', operation: 'audio_transcription', provider: 'openai', model: 'gpt-4o-mini-transcribe', inputTokens: 21, outputTokens: 4, status: 0 },
      { name: 'audio_translation whisper-1', operation: 'audio_translation', provider: 'openai', model: 'whisper-1', status: 0 },
      { name: 'speech_generation gpt-4o-mini-tts', operation: 'speech_generation', provider: 'openai', model: 'gpt-4o-mini-tts', outputType: 'speech', status: 0 },
      { name: 'image_edit gpt-image-1', operation: 'image_edit', provider: 'openai', model: 'gpt-image-1', outputType: 'image', inputTokens: 50, outputTokens: 100, status: 0 },
      { name: 'moderation omni-moderation-latest', operation: 'moderation', provider: 'openai', model: 'omni-moderation-latest', responseModel: 'omni-moderation-2024-09-26', responseId: 'modr-1', status: 0 },
      { name: 'file_upload', operation: 'file_upload', provider: 'openai', responseId: 'file-abc', status: 0 },
      { name: 'batch_creation', operation: 'batch_creation', provider: 'openai', responseId: 'batch_abc', status: 0 },
      { name: 'audio_transcription whisper-1', operation: 'audio_transcription', provider: 'openai', model: 'whisper-1', inputTokens: 14, outputTokens: 3, status: 0 },
    ]);
  });

  it('no uploaded bytes reach the spans', () => {
    const bytes = Buffer.concat(collector.exports);
    // The uploads are runs of 0x01 and 0x02 bytes; 64 of them in a row would be a copied body.
    expect(bytes.includes(Buffer.alloc(64, 1))).toBe(false);
    expect(bytes.includes(Buffer.alloc(64, 2))).toBe(false);
    expect(bytes.toString('latin1')).not.toContain('RIFF....WAVE');
  });
});
