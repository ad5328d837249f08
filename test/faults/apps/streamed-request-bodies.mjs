// An app whose request bodies are streams, as SDKs that build a Request and proxies that forward
// `req.body` send them. Each call reports what it got, how long it took and how far the process
// grew meanwhile (the app thread's heap and buffers: see appThreadMemory); the body's SHA-256 lets the test check that the server got it byte for byte.
// Env: SERVER (http://127.0.0.1:port/v1). Prints { scenario, ... } per call, then { problems }.
import { createHash } from 'node:crypto';

const server = process.env.SERVER;
const problems = [];
process.on('unhandledRejection', (e) => problems.push(`unhandledRejection: ${e?.stack ?? e}`));
process.on('uncaughtException', (e) => problems.push(`uncaughtException: ${e?.stack ?? e}`));

const encoder = new TextEncoder();
const HEAD = '{"model":"fault-model","temperature":0.5,"max_tokens":7,"messages":[{"role":"user","content":"';
const TAIL = '"}]}';

/** A stream of `parts`, one chunk per pull; `beforePart(i)` may hold a part back. */
function streamOf(parts, beforePart = async () => {}) {
  let next = 0;
  return new ReadableStream({
    async pull(controller) {
      if (next === parts.length) return controller.close();
      await beforePart(next);
      controller.enqueue(encoder.encode(parts[next]));
      next += 1;
    },
  });
}

/** A body of `totalBytes` generated 64 KiB at a time while it is sent, never held whole. */
function generatedStream(totalBytes, hash) {
  const filler = encoder.encode('streamed prompt words '.repeat(2979).slice(0, 65_536));
  let sent = 0;
  let last = false;
  return new ReadableStream({
    pull(controller) {
      let chunk;
      if (sent === 0) chunk = encoder.encode(HEAD);
      else if (last) return controller.close();
      else if (sent + filler.length + TAIL.length >= totalBytes) {
        chunk = encoder.encode(TAIL);
        last = true;
      } else chunk = filler;
      sent += chunk.length;
      hash.update(chunk);
      controller.enqueue(chunk);
    },
  });
}

/**
 * What this thread holds: its JavaScript heap and the buffers outside it, where a body held by
 * the tracing would sit. Not RSS: a traced process starts its export thread (20-25 MB) shortly
 * after the app does, and whether that falls inside a call's window depends on the machine's load.
 */
function appThreadMemory() {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

async function call(scenario, url, init, read = (r) => r.json()) {
  const started = performance.now();
  const before = appThreadMemory();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, appThreadMemory())), 5);
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve({ outcome: 'timed out after 10 s' }), 10_000)));
  try {
    const result = await Promise.race([
      (async () => {
        const response = await fetch(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-scenario': scenario }, duplex: 'half', ...init }));
        const body = await read(response);
        return { outcome: `status ${response.status}, ${body.object} ${body.choices?.[0]?.finish_reason}` };
      })(),
      timedOut,
    ]);
    return { scenario, ...result, elapsedMs: Math.round(performance.now() - started), memoryGrowth: Math.max(peak, appThreadMemory()) - before };
  } catch (error) {
    return { scenario, outcome: `threw ${error?.name}: ${error?.message}` };
  } finally {
    clearInterval(sampler);
    clearTimeout(timer);
  }
}

const results = [];
results.push(await call('small stream', `${server}/answer/chat/completions`, {
  body: streamOf([HEAD, 'hello ', 'there', TAIL]),
}));

const bigHash = createHash('sha256');
const big = await call('50 MB generated', `${server}/answer/chat/completions`, { body: generatedStream(50 * 1024 * 1024, bigHash) });
results.push({ ...big, sha256: bigHash.digest('hex') });

// The last part is released only once the response headers are in: a body that cannot finish
// until the server has answered (a duplex exchange, a proxy relaying as it goes).
let responded;
const headersIn = new Promise((resolve) => (responded = resolve));
results.push(await call(
  'ends after the response',
  `${server}/answer-early/chat/completions`,
  { body: streamOf([HEAD, 'first part', TAIL], (i) => (i === 2 ? headersIn : undefined)) },
  async (response) => {
    responded();
    return response.json();
  },
));

for (const result of results) console.log(JSON.stringify(result));
console.log(JSON.stringify({ problems }));
