// An app that loads node:http2 itself after register ran (ESM `import { connect }`, or CommonJS
// `require('http2')` with HTTP2_VIA_REQUIRE=1) and makes one OpenAI-shaped call over h2c to a
// server in this process on 127.0.0.1. Prints { traceparent, status, body } as the server and app saw them.
import { createRequire } from 'node:module';

const { connect, createServer } = process.env.HTTP2_VIA_REQUIRE === '1' ? createRequire(import.meta.url)('http2') : await import('node:http2');

let traceparent;
const server = createServer((req, res) => {
  traceparent = req.headers.traceparent;
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'chatcmpl-h2', model: 'gpt-h2', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'hi' } }], usage: { prompt_tokens: 3, completion_tokens: 1 } }));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const session = connect(`http://127.0.0.1:${server.address().port}`);
const stream = session.request({ ':method': 'POST', ':path': '/v1/chat/completions', 'content-type': 'application/json' });
stream.end(JSON.stringify({ model: 'gpt-h2', messages: [{ role: 'user', content: 'hello' }] }));
const chunks = [];
let status;
stream.on('response', (headers) => (status = headers[':status']));
stream.on('data', (chunk) => chunks.push(chunk));
await new Promise((resolve) => stream.on('close', resolve));
session.close();
server.close();
console.log(JSON.stringify({ traceparent, status, body: JSON.parse(Buffer.concat(chunks).toString()).id }));
