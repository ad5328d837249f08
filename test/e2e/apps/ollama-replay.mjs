// Replays recorded Ollama exchanges through the official `ollama` client (`new Ollama({ host })`).
// Plan (env REPLAY_PLAN, JSON): [{ fixture, baseUrl, api, body }]
// Prints one JSON line per call: { fixture, ok, events?, error? }.
import { Ollama } from 'ollama';

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
  const client = new Ollama({ host: step.baseUrl });
  const body = step.body;
  switch (step.api) {
    case 'api.chat':
      return drain(await client.chat(body));
    case 'api.generate':
      return drain(await client.generate(body));
    case 'api.embeddings':
      return drain(await client.embeddings(body));
    case 'api.embed':
      return drain(await client.embed(body));
    default:
      throw new Error(`no client method for ${step.api}`);
  }
}

for (const step of plan) {
  try {
    console.log(JSON.stringify({ fixture: step.fixture, ok: true, ...(await call(step)) }));
  } catch (error) {
    console.log(JSON.stringify({ fixture: step.fixture, ok: false, error: String(error?.status_code ?? error?.message ?? error) }));
  }
}
