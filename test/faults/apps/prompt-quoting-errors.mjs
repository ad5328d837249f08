// An app whose LLM calls get errors that quote its prompt: a 400 whose message and `type` repeat
// the message content, a 400 with an identifier type, and a 200 SSE stream whose error event
// quotes the prompt in its message and code. The server runs in this process on 127.0.0.1.
// Env PROMPT. Prints { call, status, body } per call (what the app saw).
import http from 'node:http';

const prompt = process.env.PROMPT;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    res.shouldKeepAlive = false;
    const content = JSON.parse(body).messages[0].content;
    if (req.url.startsWith('/v1/quoting-400/')) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Invalid 'messages[0].content': the text "${content}" was flagged`, type: `flagged: ${content}`, code: null } }));
    } else if (req.url.startsWith('/v1/identifier-400/')) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `${content} is not allowed`, type: 'invalid_request_error', code: 'content_policy_violation' } }));
    } else {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'gpt-4o-mini', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] })}\n\n`);
      res.end(`event: error\ndata: ${JSON.stringify({ error: { message: `stream stopped at: ${content}`, type: `${content.slice(0, 30)}`, code: `${content}` } })}\n\n`);
    }
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/v1`;

for (const [call, stream] of [['quoting-400', false], ['identifier-400', false], ['sse-error', true]]) {
  const response = await fetch(`${base}/${call}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: prompt }] }),
  });
  console.log(JSON.stringify({ call, status: response.status, body: await response.text() }));
}
server.close();
