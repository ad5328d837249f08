// A web handler: each request to POST /ask is one trace, for the user and session its headers
// name; every span of it (the handler, the agent step, the LLM call) carries user.id and
// session.id. The example starts its server, sends itself a few concurrent requests from two
// users, prints the answers and stops.
//
//   npm run build && node --import ./register.js examples/web-handler.mjs
import http from 'node:http';
import OpenAI from 'openai';
import { span, trace } from 'llm-otel';
import { llmEndpoint } from './llm-endpoint.mjs';

const MODEL = 'gpt-4o-mini';

const endpoint = await llmEndpoint();
const client = new OpenAI({ apiKey: endpoint.apiKey, baseURL: endpoint.baseURL, maxRetries: 0 });

function report(fields) {
  console.log(JSON.stringify({ example: 'web-handler', ...fields }));
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/** The route: answers one question for one user. */
async function ask(req, res) {
  const userId = String(req.headers['x-user-id'] ?? 'anonymous');
  const sessionId = String(req.headers['x-session-id'] ?? 'none');
  await trace('POST /ask', { userId, sessionId, tags: ['example', 'web'] }, async (request) => {
    try {
      const { question } = await readJson(req);
      const result = await span('answer', 'agent', { input: question }, async (agent) => {
        const completion = await client.chat.completions.create({
          model: MODEL,
          messages: [{ role: 'user', content: question }],
          max_tokens: 6,
        });
        agent.setOutput(completion.choices[0].message.content);
        return { reply: completion.choices[0].message.content, usage: completion.usage };
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    } catch (error) {
      request.setError(error);
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'internal' }));
    }
  });
}

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/ask') void ask(req, res);
  else res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const visits = [
  { user: 'alice', session: 'alice-s1', question: 'Where is my order?' },
  { user: 'bob', session: 'bob-s1', question: 'Can I change my delivery address please?' },
  { user: 'alice', session: 'alice-s1', question: 'And when will it arrive?' },
  { user: 'bob', session: 'bob-s2', question: 'Do you ship to Norway?' },
];
await Promise.all(
  visits.map(async (visit) => {
    const response = await fetch(`${base}/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': visit.user, 'x-session-id': visit.session },
      body: JSON.stringify({ question: visit.question }),
    });
    const body = await response.json();
    report({ user: visit.user, session: visit.session, status: response.status, ...body.usage });
  }),
);

await new Promise((resolve) => server.close(resolve));
await endpoint.close();
