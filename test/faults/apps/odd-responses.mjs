// An app meeting two odd but legal-looking answers: a body whose content-encoding header lies
// (says gzip, is plain JSON), read with fetch; and a 101 Switching Protocols upgrade made with
// node:http. Prints { scenario, outcome } per call, then { problems }.
// Env: SERVER (http://127.0.0.1:port), PLAIN_SERVER (an unmapped host, for plain HTTP spans).
import http from 'node:http';

const server = process.env.SERVER;
const plainServer = process.env.PLAIN_SERVER;
const problems = [];
process.on('unhandledRejection', (e) => problems.push(`unhandledRejection: ${e?.stack ?? e}`));
process.on('uncaughtException', (e) => problems.push(`uncaughtException: ${e?.stack ?? e}`));

async function lyingEncoding() {
  const response = await fetch(`${server}/v1/lying-gzip/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'fault-model', messages: [{ role: 'user', content: 'hi' }] }),
  });
  try {
    await response.json();
    return `status ${response.status}, body read`;
  } catch (error) {
    return `status ${response.status}, ${error.name}: ${error.message}`;
  }
}

/** An upgrade request; the server switches protocols, sends one byte and closes. */
function upgrade(base, path) {
  return new Promise((resolve) => {
    const request = http.request(`${base}${path}`, { headers: { connection: 'Upgrade', upgrade: 'fault-protocol' } });
    const timer = setTimeout(() => {
      request.destroy();
      resolve('timed out');
    }, 5_000);
    request.on('upgrade', (response, socket, head) => {
      const done = (bytes) => {
        clearTimeout(timer);
        socket.end();
        resolve(`upgraded ${response.statusCode}, got ${bytes.length} byte`);
      };
      // Bytes that came with the 101 arrive as `head`; later ones on the socket.
      if (head.length > 0) done(head);
      else socket.once('data', done);
    });
    request.on('response', (response) => {
      clearTimeout(timer);
      response.resume();
      resolve(`no upgrade, status ${response.statusCode}`);
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      resolve(`${error.name}: ${error.message}`);
    });
    request.end();
  });
}

const steps = {
  'lying content-encoding': lyingEncoding,
  'upgrade to an LLM host': () => upgrade(server, '/v1/realtime?model=fault-model'),
  'upgrade to another host': () => upgrade(plainServer, '/socket'),
};
for (const [scenario, step] of Object.entries(steps)) {
  console.log(JSON.stringify({ scenario, outcome: await step() }));
}
console.log(JSON.stringify({ problems }));
