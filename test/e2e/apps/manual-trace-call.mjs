// One OpenAI-style chat call to the mock server in this process, inside a manual trace with a
// user, a session and tags (the llm-otel package's own API). Prints { phase: 'done', content }.
import { trace } from '../../../dist/index.js';
import { startMockLlmServer } from '../../../dist/mock-server/mock-llm-server.js';

const server = await startMockLlmServer({ maxRequests: 1 });
const content = await trace('support-chat', { userId: 'user-42', sessionId: 'session-7', tags: ['beta', 'eu'] }, async () => {
  const response = await fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 3 }),
  });
  return (await response.json()).choices[0].message.content;
});
await server.close();
console.log(JSON.stringify({ phase: 'done', content }));
