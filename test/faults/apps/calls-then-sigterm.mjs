// A traced app that makes CALLS LLM calls against the mock server in this process, then stays
// alive (an interval, as a server would) until it gets SIGTERM, which it sends itself; it has no
// SIGTERM handler of its own. Prints { phase: 'done', at: <epoch ms> } just before the signal.
import { startMockLlmServer } from '../../../dist/mock-server/mock-llm-server.js';

const calls = Number(process.env.CALLS ?? 1);
const server = await startMockLlmServer({ maxRequests: calls });
for (let i = 0; i < calls; i += 1) {
  const response = await fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: 'say it' }], max_tokens: 3 }),
  });
  await response.json();
}
await server.close();
setInterval(() => {}, 1000);
console.log(JSON.stringify({ phase: 'done', at: Date.now() }));
process.kill(process.pid, 'SIGTERM');
