// A CommonJS app making two LLM calls (fetch, node:http) and two plain calls (fetch, node:http with a
// named import), for the one-span, one-traceparent check of trace_non_llm_requests.
// Env: SERVER (http://127.0.0.1:port). Prints one JSON line: { statuses }.
const { request } = require("node:http");

const server = process.env.SERVER;
const CHAT = JSON.stringify({ model: 'mixed-model', messages: [{ role: 'user', content: 'hi' }] });

function httpCall(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = request(`${server}${path}`, { method, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

(async () => {
  const statuses = [];
  const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: CHAT };
  const llm = await fetch(`${server}/v1/chat/completions`, post);
  await llm.text();
  statuses.push(llm.status);
  statuses.push(await httpCall('POST', '/v1/chat/completions', CHAT));
  statuses.push((await fetch(`${server}/health?token=plain-secret-1234`)).status);
  statuses.push(await httpCall('GET', '/status'));
  console.log(JSON.stringify({ statuses }));
})();
