// Replays recorded Anthropic exchanges through the official `@anthropic-ai/sdk`, as a user's app would.
// Plan (env REPLAY_PLAN, JSON): [{ fixture, baseUrl, call: 'messages'|'beta.messages'|'complete' }]
// The request body is read from the fixture file (an image body is too large for the environment).
// Prints one JSON line per call: { fixture, ok, events?, error? }.
import Anthropic from '@anthropic-ai/sdk';
import { drain, recordedBody, replayPlan } from './replay-loop.mjs';

/** Each call on its own client, constructed the way an app does (no openTelemetry option). */
function clientFor(step) {
  return new Anthropic({ apiKey: 'sk-ant-fake-not-a-real', baseURL: step.baseUrl, maxRetries: 0, timeout: 10_000 });
}

async function call(step) {
  const client = clientFor(step);
  const body = recordedBody(step.fixture);
  switch (step.call) {
    case 'messages':
      return drain(await client.messages.create(body));
    case 'beta.messages':
      return drain(await client.beta.messages.create(body));
    case 'complete':
      // SDK 1.x dropped the legacy `completions` resource; its generic `post` still sends the
      // request through the client (headers, retries, its own tracing when on).
      return drain(await client.post('/v1/complete', { body }));
    default:
      throw new Error(`no SDK call for ${step.call}`);
  }
}

await replayPlan(call, { errorKey: 'status' });
