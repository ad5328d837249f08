// Replays recorded Mistral exchanges through the official `@mistralai/mistralai` SDK
// (`new Mistral({ serverURL })`): chat.complete, chat.stream and embeddings.create.
// Plan (env REPLAY_PLAN, JSON): [{ fixture, baseUrl, api, body }]
// Prints one JSON line per call: { fixture, ok, events?, error? }.
import { Mistral } from '@mistralai/mistralai';
import { drain, replayPlan } from './replay-loop.mjs';

async function call(step) {
  const client = new Mistral({ apiKey: 'mistral-test-not-a-real-key', serverURL: step.baseUrl, timeoutMs: 10_000 });
  const { stream, input, ...rest } = step.body;
  switch (step.api) {
    case 'chat.completions':
      return drain(stream ? await client.chat.stream(rest) : await client.chat.complete(rest));
    case 'embeddings':
      return drain(await client.embeddings.create({ ...rest, inputs: input }));
    default:
      throw new Error(`no SDK method for ${step.api}`);
  }
}

await replayPlan(call, { errorKey: 'statusCode' });
