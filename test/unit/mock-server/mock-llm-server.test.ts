import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockLlmServer, type MockLlmServer } from '../../../src/mock-server/mock-llm-server.js';

/** The Keep-Alive header of one chat answer (Node writes `timeout=<seconds>` from keepAliveTimeout). */
function keepAliveHeader(server: MockLlmServer): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: 'hi' }] });
    const agent = new http.Agent({ keepAlive: true });
    const req = http.request(
      `${server.url}/chat/completions`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' }, timeout: 5_000 },
      (res) => {
        res.resume();
        res.on('end', () => {
          agent.destroy();
          resolve(res.headers['keep-alive'] as string | undefined);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('mock LLM server keep-alive', () => {
  let server: MockLlmServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('keeps idle connections 5 s by default', async () => {
    server = await startMockLlmServer({ maxRequests: 1 });
    expect(await keepAliveHeader(server)).toBe('timeout=5');
  });

  it('keeps them as long as keepAliveMs says (the instruction-count bench raises it)', async () => {
    server = await startMockLlmServer({ maxRequests: 1, keepAliveMs: 600_000 });
    expect(await keepAliveHeader(server)).toBe('timeout=600');
  });
});

describe('mock LLM server obfuscation', () => {
  let server: MockLlmServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** The JSON chunks of one streamed chat answer. */
  async function streamedChunks(streamOptions: object): Promise<Array<Record<string, unknown>>> {
    const response = await fetch(`${server!.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'mock-model', stream: true, max_tokens: 5, stream_options: { include_usage: true, ...streamOptions } }),
    });
    const text = await response.text();
    return text.split('\n\n').filter((event) => event.startsWith('data: {')).map((event) => JSON.parse(event.slice(6)) as Record<string, unknown>);
  }

  it('ends every chunk in a different obfuscation value when asked to, as OpenAI does', async () => {
    server = await startMockLlmServer({ maxRequests: 2, obfuscation: true });
    const chunks = await streamedChunks({});
    expect(chunks).toHaveLength(8); // role, 5 words, finish, usage
    const values = chunks.map((chunk) => chunk.obfuscation);
    expect(values.every((value) => typeof value === 'string' && /^[0-9a-z]+$/.test(value))).toBe(true);
    expect(new Set(values).size).toBe(values.length);
    // The request may switch it off, as OpenAI's stream_options.include_obfuscation does.
    expect((await streamedChunks({ include_obfuscation: false })).some((chunk) => 'obfuscation' in chunk)).toBe(false);
  });

  it('sends none by default', async () => {
    server = await startMockLlmServer({ maxRequests: 1 });
    expect((await streamedChunks({})).some((chunk) => 'obfuscation' in chunk)).toBe(false);
  });
});
