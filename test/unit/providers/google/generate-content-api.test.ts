import { describe, expect, it } from 'vitest';
import { geminiApi } from '../../../../src/providers/google/gemini-api.js';
import { vertexAiApi } from '../../../../src/providers/google/vertex-ai-api.js';
import { ProviderRegistry } from '../../../../src/providers/registry.js';
import type { HttpRequestInfo } from '../../../../src/providers/types.js';
import { fixtureResponseBytes, loadFixture } from '../../../helpers/fixtures.js';

function request(url: string, method = 'POST'): HttpRequestInfo {
  return { method, url: new URL(url) };
}

const VERTEX_MODEL = '/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro';

describe('geminiApi and vertexAiApi .match', () => {
  it('recognises the Gemini API host, with the model from the URL', () => {
    const match = geminiApi.match(request('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent'));
    expect(match).toMatchObject({ provider: 'gcp.gemini', operation: 'generate_content', urlModel: 'gemini-2.5-flash', urlStream: false });
  });

  it('recognises regional, global, express and multi-region Vertex AI hosts', () => {
    for (const url of [
      `https://us-central1-aiplatform.googleapis.com${VERTEX_MODEL}:generateContent`,
      `https://aiplatform.googleapis.com${VERTEX_MODEL.replace('us-central1', 'global')}:generateContent`,
      'https://aiplatform.googleapis.com/v1/publishers/google/models/gemini-2.5-pro:generateContent',
      `https://aiplatform.eu.rep.googleapis.com${VERTEX_MODEL.replace('us-central1', 'eu')}:generateContent`,
    ]) {
      expect(vertexAiApi.match(request(url)), url).toMatchObject({ provider: 'gcp.vertex_ai', urlModel: 'gemini-2.5-pro' });
    }
  });

  it('streams on streamGenerateContent, with or without alt=sse', () => {
    expect(vertexAiApi.match(request(`https://us-central1-aiplatform.googleapis.com${VERTEX_MODEL}:streamGenerateContent?alt=sse`))?.urlStream).toBe(true);
    expect(geminiApi.match(request('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent'))?.urlStream).toBe(true);
  });

  it('leaves other methods, GETs and other hosts alone', () => {
    expect(geminiApi.match(request('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:countTokens'))).toBeUndefined();
    expect(geminiApi.match(request('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash', 'GET'))).toBeUndefined();
    expect(geminiApi.match(request('https://example.com/v1beta/models/gemini-2.5-flash:generateContent'))).toBeUndefined();
    expect(vertexAiApi.match(request('https://generativelanguage.googleapis.com/v1beta/models/g:generateContent'))).toBeUndefined();
    expect(geminiApi.match(request(`https://us-central1-aiplatform.googleapis.com${VERTEX_MODEL}:generateContent`))).toBeUndefined();
  });

  it('matches a mapped host by path alone, under the mapped provider', () => {
    const registry = new ProviderRegistry([{ host: '127.0.0.1:8080', provider: 'gcp.vertex_ai', api: 'vertex_ai' }]);
    const match = registry.match(request(`http://127.0.0.1:8080/fx/x${VERTEX_MODEL}:generateContent`));
    expect(match?.api).toBe(vertexAiApi);
    expect(match?.provider).toBe('gcp.vertex_ai');
  });

  it('is found by the default registry for both hosts', () => {
    const registry = new ProviderRegistry();
    expect(registry.match(request('https://generativelanguage.googleapis.com/v1beta/models/m:generateContent'))?.api).toBe(geminiApi);
    expect(registry.match(request(`https://europe-west4-aiplatform.googleapis.com${VERTEX_MODEL}:generateContent`))?.api).toBe(vertexAiApi);
  });
});

describe('Claude on Vertex AI (rawPredict)', () => {
  const anthropicUrl = 'https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-3-5-haiku@20241022';

  it('reads the Anthropic Messages body, with the model from the URL', () => {
    const recording = loadFixture('anthropic--messages--tool-result-history');
    const match = vertexAiApi.match(request(`${anthropicUrl}:rawPredict`))!;
    const { model: _model, ...body } = recording.request.body as Record<string, unknown>;
    const facts = match.parseRequest({ ...body, anthropic_version: 'vertex-2023-10-16' }, false);
    expect(facts).toEqual({ provider: 'gcp.vertex_ai', operation: 'chat', model: 'claude-3-5-haiku@20241022', stream: false, maxTokens: 1024 });
    const accumulator = match.createAccumulator({ status: 200, headers: recording.response.headers }, facts, false);
    accumulator.push(fixtureResponseBytes(recording));
    expect(accumulator.finish()).toMatchObject({ responseId: 'msg_01QJDheQSo4hSrxgtLpEJFkA', finishReasons: ['tool_use'] });
  });

  it('streams on streamRawPredict and reads the Anthropic SSE events', () => {
    const recording = loadFixture('anthropic--messages--stream-claude35-haiku');
    const match = vertexAiApi.match(request(`${anthropicUrl}:streamRawPredict`))!;
    const facts = match.parseRequest({ anthropic_version: 'vertex-2023-10-16', max_tokens: 1024, messages: [] }, false);
    expect(facts.stream).toBe(true);
    const accumulator = match.createAccumulator({ status: 200, headers: recording.response.headers }, facts, false);
    accumulator.push(fixtureResponseBytes(recording));
    expect(accumulator.finish()).toMatchObject({ usage: { inputTokens: 17, outputTokens: 108 }, finishReasons: ['end_turn'] });
  });

  it('is not served on the Gemini API host', () => {
    expect(geminiApi.match(request('https://generativelanguage.googleapis.com/v1/publishers/anthropic/models/claude:rawPredict'))).toBeUndefined();
  });
});
