// Replays recorded Ollama exchanges through the official `ollama` client (`new Ollama({ host })`).
// Plan (env REPLAY_PLAN, JSON): [{ fixture, baseUrl, api, body }]
// Prints one JSON line per call: { fixture, ok, events?, error? }.
import { Ollama } from 'ollama';
import { drain, replayPlan } from './replay-loop.mjs';

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

await replayPlan(call, { errorKey: 'status_code' });
