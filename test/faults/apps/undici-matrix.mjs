// Every way an app reaches an LLM API through undici, with the npm undici named by UNDICI
// (undici6, undici7, undici8) loaded before the first fetch, as an app or SDK that depends on it
// does. Env: SERVER (http://127.0.0.1:port/v1). Prints { cell, outcome } per call, then { problems }.
const LOADERS = { undici6: () => import('undici6'), undici7: () => import('undici7'), undici8: () => import('undici8') };
const undici = await LOADERS[process.env.UNDICI]();
const server = process.env.SERVER;
const problems = [];
process.on('unhandledRejection', (e) => problems.push(`unhandledRejection: ${e?.stack ?? e}`));
process.on('uncaughtException', (e) => problems.push(`uncaughtException: ${e?.stack ?? e}`));

const headers = { 'content-type': 'application/json' };
const body = (stream) => JSON.stringify({ model: 'fault-model', messages: [{ role: 'user', content: 'hi' }], stream });
const url = (cell) => `${server}/${cell}/chat/completions`;

/** What the app got: the finish reason of a JSON answer, or the last finish reason of a stream. */
async function summary(status, text) {
  if (!text.startsWith('data:')) return `status ${status}, finish ${JSON.parse(text).choices[0].finish_reason}`;
  const events = text.split('\n\n').filter((e) => e.startsWith('data: {')).map((e) => JSON.parse(e.slice(6)));
  return `status ${status}, ${events.length} events, finish ${events.at(-1).choices[0].finish_reason}`;
}

const viaFetch = (fetchFn, extra = {}) => async (cell, stream) => {
  const response = await fetchFn(url(cell), { method: 'POST', headers, body: body(stream), ...extra });
  return summary(response.status, await response.text());
};

const cells = {
  'global-fetch': viaFetch((...a) => globalThis.fetch(...a)),
  'global-fetch-stream': viaFetch((...a) => globalThis.fetch(...a)),
  'undici-fetch': viaFetch(undici.fetch),
  'undici-fetch-stream': viaFetch(undici.fetch),
  'undici-request': async (cell, stream) => {
    const response = await undici.request(url(cell), { method: 'POST', headers, body: body(stream) });
    return summary(response.statusCode, await response.body.text());
  },
  'undici-client': async (cell, stream) => {
    const target = new URL(url(cell));
    const client = new undici.Client(target.origin);
    try {
      const response = await client.request({ path: target.pathname, method: 'POST', headers, body: body(stream) });
      return summary(response.statusCode, await response.body.text());
    } finally {
      await client.close();
    }
  },
  'fetch-with-user-agent': viaFetch((...a) => globalThis.fetch(...a), { dispatcher: new undici.Agent() }),
  // Last: it changes the dispatcher every later global fetch uses.
  'global-dispatcher-then-fetch': async (cell, stream) => {
    undici.setGlobalDispatcher(new undici.Agent());
    return viaFetch((...a) => globalThis.fetch(...a))(cell, stream);
  },
};

for (const [cell, call] of Object.entries(cells)) {
  let outcome;
  try {
    outcome = await call(cell, cell.endsWith('-stream'));
  } catch (error) {
    outcome = `threw ${error?.name}: ${error?.message}`;
  }
  console.log(JSON.stringify({ cell, outcome }));
}
console.log(JSON.stringify({ problems }));
