// What every replay app shares: the plan the test passes (test/helpers/replay-runner.ts), one call
// per step in order, and one JSON result line per step on stdout, which the test reads.
import fs from 'node:fs';

const FIXTURES = new URL('../../fixtures/llm-http/', import.meta.url);

/**
 * Runs `call(step)` for each step of REPLAY_PLAN in order and prints `{ fixture, ok: true,
 * ...outcome }`, or `{ fixture, ok: false, error }` when it throws. `error` is the thrown error's
 * `errorKey` (the client's status or name) where it has one, else its message.
 */
export async function replayPlan(call, { errorKey } = {}) {
  const plan = JSON.parse(process.env.REPLAY_PLAN ?? '[]');
  for (const step of plan) {
    try {
      const outcome = await call(step);
      console.log(JSON.stringify({ fixture: step.fixture, ok: true, ...outcome }));
    } catch (error) {
      const code = errorKey === undefined ? undefined : error?.[errorKey];
      console.log(JSON.stringify({ fixture: step.fixture, ok: false, error: String(code ?? error?.message ?? error) }));
    }
  }
}

/** Reads a streamed result to its end: `{ events }` for an async iterable, `{}` for anything else. */
export async function drain(result) {
  if (result && typeof result[Symbol.asyncIterator] === 'function') {
    let events = 0;
    for await (const _ of result) events += 1;
    return { events };
  }
  return {};
}

/** The recorded request body of a fixture, read from its file (an image body is too large for the environment). */
export function recordedBody(fixture) {
  return JSON.parse(fs.readFileSync(new URL(`${fixture}.json`, FIXTURES), 'utf8')).request.body;
}
