// Replays recorded Mistral exchanges through the official `@mistralai/mistralai` SDK
// (`new Mistral({ serverURL })`): chat.complete, chat.stream and embeddings.create.
// Plan (env REPLAY_PLAN, JSON): [{ fixture, baseUrl, api, body }]
// Prints one JSON line per call: { fixture, ok, events?, error? }.
import { Mistral } from '@mistralai/mistralai';

const plan = JSON.parse(process.env.REPLAY_PLAN ?? '[]');

async function drain(result) {
  if (result && typeof result[Symbol.asyncIterator] === 'function') {
    let events = 0;
    for await (const _ of result) events += 1;
    return { events };
  }
  return {};
}

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

for (const step of plan) {
  try {
    console.log(JSON.stringify({ fixture: step.fixture, ok: true, ...(await call(step)) }));
  } catch (error) {
    console.log(JSON.stringify({ fixture: step.fixture, ok: false, error: String(error?.statusCode ?? error?.message ?? error) }));
  }
}
