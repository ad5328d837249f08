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
