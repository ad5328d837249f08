// Replays recorded Cohere exchanges through the official `cohere-ai` SDK: CohereClient for the
// v1 endpoints, CohereClientV2 for v2, as a user's app would call them.
// Plan (env REPLAY_PLAN, JSON): [{ fixture, baseUrl, api, body }]
// Prints one JSON line per call: { fixture, ok, events?, error? }.
import { CohereClient, CohereClientV2 } from 'cohere-ai';
import { drain, replayPlan } from './replay-loop.mjs';

const token = 'co-test-not-a-real-key-000000000000';

// The SDK takes camelCase requests and serialises them back to the wire's snake_case. JSON
// schemas inside tools are user data and keep their keys.
const OPAQUE_KEYS = new Set(['parameters', 'parameter_definitions', 'json_schema', 'schema']);
const camel = (key) => key.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
function toSdkRequest(value) {
  if (Array.isArray(value)) return value.map(toSdkRequest);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner === null || key === 'stream') continue; // the method chosen decides streaming
    out[camel(key)] = OPAQUE_KEYS.has(key) ? inner : toSdkRequest(inner);
  }
  return out;
}

async function call(step) {
  const request = toSdkRequest(step.body);
  const streamed = step.body.stream === true;
  const options = { maxRetries: 0, timeoutInSeconds: 10 };
  if (step.api.startsWith('v2.')) {
    const client = new CohereClientV2({ token, environment: step.baseUrl });
    if (step.api === 'v2.chat') return drain(streamed ? await client.chatStream(request, options) : await client.chat(request, options));
    if (step.api === 'v2.embed') return drain(await client.embed(request, options));
  } else {
    const client = new CohereClient({ token, baseUrl: step.baseUrl });
    if (step.api === 'v1.chat') return drain(streamed ? await client.chatStream(request, options) : await client.chat(request, options));
    if (step.api === 'v1.generate') return drain(streamed ? await client.generateStream(request, options) : await client.generate(request, options));
    if (step.api === 'v1.rerank') return drain(await client.rerank(request, options));
  }
  throw new Error(`no SDK method for ${step.api}`);
}

await replayPlan(call, { errorKey: 'statusCode' });
