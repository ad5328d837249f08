// An app whose calls fail in ways whose error text quotes a credential: fetch refusing a URL with
// userinfo and an api-key query, undici refusing an auth header value with a newline, a provider
// 401 that echoes the key, and (with trace_non_llm_requests) a key in a non-LLM URL's path and
// userinfo on a node:http request. The server runs in this process on 127.0.0.1.
// Env KEYS (JSON: { bearer, query, path, password }). Prints { call, status?, error? } per call.
import http from 'node:http';

const keys = JSON.parse(process.env.KEYS);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.shouldKeepAlive = false;
    if (req.url.startsWith('/v1/chat/completions')) {
      // What OpenAI answers a wrong key with: the key, partly masked, in the message.
      const echoed = `${keys.bearer.slice(0, 12)}${'*'.repeat(20)}${keys.bearer.slice(-4)}`;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${echoed}. Or was it ${keys.bearer}?`, type: 'invalid_request_error', code: 'invalid_api_key' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const host = `127.0.0.1:${server.address().port}`;
const chat = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] });

const CALLS = {
  'fetch, URL with userinfo and ?api-key=': () =>
    fetch(`http://user:${keys.password}@${host}/v1/chat/completions?api-key=${keys.query}`, { method: 'POST', body: chat }),
  'fetch, Authorization header value with a newline': () =>
    fetch(`http://${host}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${keys.bearer}\nx-extra: 1` }, body: chat }),
  'fetch, x-api-key header value with a newline': () =>
    fetch(`http://${host}/v1/chat/completions`, { method: 'POST', headers: { 'x-api-key': `${keys.query}\r\nx-extra: 1` }, body: chat }),
  'fetch, provider 401 echoing the key': () =>
    fetch(`http://${host}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${keys.bearer}`, 'content-type': 'application/json' }, body: chat }),
  'fetch, non-LLM URL with the key in its path': () => fetch(`http://${host}/files/${keys.path}/content`),
  'node:http, non-LLM URL with userinfo': () =>
    new Promise((resolve, reject) => {
      http.get(`http://admin:${keys.password}@${host}/status`, (res) => res.resume().on('end', () => resolve({ status: res.statusCode }))).on('error', reject);
    }),
};

for (const [call, run] of Object.entries(CALLS)) {
  try {
    const response = await run();
    if (typeof response?.text === 'function') await response.text();
    console.log(JSON.stringify({ call, status: response.status }));
  } catch (error) {
    console.log(JSON.stringify({ call, error: error.name }));
  }
}
server.close();
