// Where the examples send their LLM calls: $OPENAI_BASE_URL when set (any OpenAI-compatible
// server), otherwise the repository's local mock server, started in this process, so an example
// runs with no network and no API key. Run `npm run build` first: the mock lives in dist/.

/** @returns {Promise<{ baseURL: string, apiKey: string, close: () => Promise<void> }>} */
export async function llmEndpoint() {
  const apiKey = process.env.OPENAI_API_KEY ?? 'sk-example-not-a-real-key';
  if (process.env.OPENAI_BASE_URL) return { baseURL: process.env.OPENAI_BASE_URL, apiKey, close: async () => {} };
  const { startMockLlmServer } = await import('../dist/mock-server/mock-llm-server.js');
  const server = await startMockLlmServer({ maxRequests: 500 });
  return { baseURL: server.url, apiKey, close: () => server.close() };
}
