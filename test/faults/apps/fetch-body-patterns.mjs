// Reads every replayed response with each fetch body-reading pattern an app might use, and reports
// a sha256 of what it got. Plan (env REPLAY_PLAN): [{ fixture, url, method, accept }];
// env PATTERNS: comma-separated names from READERS below.
// Prints one JSON line per call: { fixture, pattern, sha256: [...] } or { fixture, pattern, error }.
import { createHash } from 'node:crypto';
import { recordedRequestBody } from './recorded-request-body.mjs';

const plan = JSON.parse(process.env.REPLAY_PLAN ?? '[]').map((step) => ({ ...step, body: recordedRequestBody(step.fixture) }));
const patterns = (process.env.PATTERNS ?? '').split(',').filter(Boolean);
// Credentials in every header providers use (the suite checks none reaches a span).
const secretHeaders = JSON.parse(process.env.SECRET_HEADERS ?? '{}');

const problems = [];
process.on('unhandledRejection', (e) => problems.push(`unhandledRejection: ${e?.stack ?? e}`));
process.on('uncaughtException', (e) => problems.push(`uncaughtException: ${e?.stack ?? e}`));

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const concat = (chunks) => Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));

async function readWithReader(stream) {
  const reader = stream.getReader();
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concat(chunks);
    chunks.push(value);
  }
}

/** Each returns the sha256 of every copy of the body the app ends up with. */
const READERS = {
  json: async (response) => [sha256(JSON.stringify(await response.json()))],
  text: async (response) => [sha256(Buffer.from(await response.text(), 'utf8'))],
  arrayBuffer: async (response) => [sha256(Buffer.from(await response.arrayBuffer()))],
  blob: async (response) => [sha256(Buffer.from(await (await response.blob()).arrayBuffer()))],
  reader: async (response) => [sha256(await readWithReader(response.body))],
  'for-await': async (response) => {
    const chunks = [];
    for await (const chunk of response.body) chunks.push(chunk);
    return [sha256(concat(chunks))];
  },
  pipeTo: async (response) => {
    const chunks = [];
    await response.body.pipeTo(new WritableStream({ write: (chunk) => void chunks.push(chunk) }));
    return [sha256(concat(chunks))];
  },
  // Both branches are read at once, as an app that logs one copy while parsing the other would.
  tee: async (response) => {
    const [a, b] = response.body.tee();
    return (await Promise.all([readWithReader(a), readWithReader(b)])).map(sha256);
  },
  clone: async (response) => {
    const copy = response.clone();
    const bodies = await Promise.all([response.arrayBuffer(), copy.arrayBuffer()]);
    return bodies.map((body) => sha256(Buffer.from(body)));
  },
};

for (const pattern of patterns) {
  for (const step of plan) {
    try {
      const response = await fetch(step.url, {
        method: step.method,
        headers: { 'content-type': 'application/json', accept: step.accept ?? 'application/json', 'x-body-pattern': pattern, ...secretHeaders },
        body: step.body,
      });
      console.log(JSON.stringify({ fixture: step.fixture, pattern, status: response.status, sha256: await READERS[pattern](response) }));
    } catch (error) {
      console.log(JSON.stringify({ fixture: step.fixture, pattern, error: error?.name ?? String(error) }));
    }
  }
}
console.log(JSON.stringify({ problems }));
