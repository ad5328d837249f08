// Reads every replayed response through node:http with each stream-reading pattern an app (or an
// SDK built on node:http) might use, and reports a sha256 of what it got.
// Plan (env REPLAY_PLAN): [{ fixture, url, method, accept }]; env PATTERNS: names from READERS.
// Prints one JSON line per call: { fixture, pattern, status, sha256: [...] } or { fixture, pattern, error }.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { Writable } from 'node:stream';
import { recordedRequestBody } from './recorded-request-body.mjs';

const plan = JSON.parse(process.env.REPLAY_PLAN ?? '[]').map((step) => ({ ...step, body: recordedRequestBody(step.fixture) }));
const patterns = (process.env.PATTERNS ?? '').split(',').filter(Boolean);
// Credentials in every header providers use (the suite checks none reaches a span).
const secretHeaders = JSON.parse(process.env.SECRET_HEADERS ?? '{}');

const problems = [];
process.on('unhandledRejection', (e) => problems.push(`unhandledRejection: ${e?.stack ?? e}`));
process.on('uncaughtException', (e) => problems.push(`uncaughtException: ${e?.stack ?? e}`));

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Each resolves with the body bytes, read from the IncomingMessage its own way. */
const READERS = {
  data: (res) =>
    new Promise((resolve, reject) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    }),
  pipe: (res) =>
    new Promise((resolve, reject) => {
      const chunks = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      });
      sink.on('finish', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
      res.pipe(sink);
    }),
  // Stops the flow after every chunk and resumes it on a later turn, as a slow consumer would.
  'pause-resume': (res) =>
    new Promise((resolve, reject) => {
      const chunks = [];
      res.on('data', (chunk) => {
        chunks.push(chunk);
        res.pause();
        setImmediate(() => res.resume());
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    }),
  readable: (res) =>
    new Promise((resolve, reject) => {
      const chunks = [];
      res.on('readable', () => {
        let chunk;
        while ((chunk = res.read()) !== null) chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    }),
};

function call(step, pattern) {
  return new Promise((resolve, reject) => {
    const request = http.request(step.url, {
      method: step.method,
      headers: { 'content-type': 'application/json', accept: step.accept ?? 'application/json', 'x-body-pattern': pattern, ...secretHeaders },
    });
    request.on('error', reject);
    request.on('response', (res) => READERS[pattern](res).then((bytes) => resolve({ status: res.statusCode, bytes }), reject));
    request.end(step.body);
  });
}

for (const pattern of patterns) {
  for (const step of plan) {
    try {
      const { status, bytes } = await call(step, pattern);
      console.log(JSON.stringify({ fixture: step.fixture, pattern, status, sha256: [sha256(bytes)] }));
    } catch (error) {
      console.log(JSON.stringify({ fixture: step.fixture, pattern, error: error?.name ?? String(error) }));
    }
  }
}
console.log(JSON.stringify({ problems }));
