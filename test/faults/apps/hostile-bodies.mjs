// An app calling servers that send broken, odd or huge bodies. Each call is read the way the plan
// says (json, bytes, or streamed and discarded) and reports what the app got; memory is sampled
// while reading, so the test can bound what the tracing held on to.
// Plan (env HOSTILE_PLAN, JSON): [{ scenario, url, body, read: 'json'|'bytes'|'discard' }]
// Prints { scenario, outcome, memoryGrowth? } per call, then { problems }.
import { createHash } from 'node:crypto';

const plan = JSON.parse(process.env.HOSTILE_PLAN ?? '[]');
const secretHeaders = JSON.parse(process.env.SECRET_HEADERS ?? '{}');

const problems = [];
process.on('unhandledRejection', (e) => problems.push(`unhandledRejection: ${e?.stack ?? e}`));
process.on('uncaughtException', (e) => problems.push(`uncaughtException: ${e?.stack ?? e}`));

/**
 * What this thread holds: its JavaScript heap and the buffers outside it, where text kept by the
 * tracing would sit. Not RSS: a traced process starts its export thread (20-25 MB) shortly after
 * the app does, and whether that falls inside the read depends on the machine's load.
 */
function appThreadMemory() {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

function settledMemory() {
  globalThis.gc?.();
  return appThreadMemory();
}

/** Reads the body chunk by chunk, keeping nothing; samples memory every 8 MiB. */
async function discard(response) {
  const start = settledMemory();
  let peak = start;
  let bytes = 0;
  let nextSample = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes >= nextSample) {
      peak = Math.max(peak, appThreadMemory());
      nextSample += 8 * 1024 * 1024;
    }
  }
  peak = Math.max(peak, settledMemory());
  return { outcome: `read ${bytes} bytes`, memoryGrowth: peak - start };
}

const READERS = {
  json: async (response) => ({ outcome: await response.json().then((v) => `json ${Object.keys(v).join(',')}`, (e) => e.name) }),
  bytes: async (response) => ({ outcome: `sha256 ${createHash('sha256').update(Buffer.from(await response.arrayBuffer())).digest('hex')}` }),
  discard,
};

for (const step of plan) {
  try {
    const response = await fetch(step.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-scenario': step.scenario, ...secretHeaders },
      body: step.body,
    });
    console.log(JSON.stringify({ scenario: step.scenario, status: response.status, ...(await READERS[step.read](response)) }));
  } catch (error) {
    console.log(JSON.stringify({ scenario: step.scenario, outcome: `threw ${error?.name}: ${error?.message}` }));
  }
}
console.log(JSON.stringify({ problems }));
