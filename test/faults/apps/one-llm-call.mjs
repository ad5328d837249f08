// A minimal app: one OpenAI-style chat call to a server in this process, which answers and says
// whether the request carried a `traceparent` (i.e. whether the app ran traced).
// Env SECRET_HEADERS (JSON) adds credential headers. Prints { status, traced }.
import http from 'node:http';

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ id: 'chatcmpl-1', model: 'm', choices: [], traced: req.headers.traceparent !== undefined }));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const response = await fetch(`http://127.0.0.1:${server.address().port}/v1/chat/completions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...JSON.parse(process.env.SECRET_HEADERS ?? '{}') },
  body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
});
const { traced } = await response.json();
server.close();
console.log(JSON.stringify({ status: response.status, traced }));
