// Replays recorded exchanges of providers without an installed official SDK (watsonx.ai, Aleph
// Alpha, Voyage AI, Writer) with plain fetch, the way their REST docs show.
// Plan (env REPLAY_PLAN, JSON): [{ fixture, baseUrl, path, body }]
// Prints one JSON line per call: { fixture, ok, status, sha256 } (sha256 of the body the app read).
import { createHash } from 'node:crypto';
import { replayPlan } from './replay-loop.mjs';

// fetch resolves on any status: `ok` is the response's own.
await replayPlan(async (step) => {
  const response = await fetch(`${step.baseUrl}${step.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: step.accept ?? 'application/json', authorization: 'Bearer test-not-a-real-key' },
    body: JSON.stringify(step.body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { ok: response.ok, status: response.status, sha256: createHash('sha256').update(bytes).digest('hex') };
});
