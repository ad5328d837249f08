// Replays recorded OpenAI-compatible exchanges through a real client, as a user's app would.
// Plan (env REPLAY_PLAN, JSON): [{ fixture, baseUrl, client: 'openai7'|'openai6'|'fetch', api, body, query? }]
// Prints one JSON line per call: { fixture, ok, error?, sha256? }.
import { createHash } from 'node:crypto';
import { drain, replayPlan } from './replay-loop.mjs';

const clients = {
  openai7: () => import('openai'),
  openai6: () => import('openai6'),
};

async function viaSdk(step) {
  const mod = await clients[step.client]();
  const OpenAI = mod.default ?? mod.OpenAI;
  const common = { apiKey: 'sk-test-not-a-real-key-000000000000', maxRetries: 0, timeout: 10_000 };
  const body = step.body;
  if (step.provider === 'azure.ai.openai') {
    const { AzureOpenAI } = mod;
    const client = new AzureOpenAI({ ...common, endpoint: step.baseUrl, apiVersion: step.query?.['api-version'] ?? '2024-02-01', deployment: step.deployment });
    if (step.api === 'embeddings') return drain(await client.embeddings.create(body));
    return drain(await client.chat.completions.create(body));
  }
  const client = new OpenAI({ ...common, baseURL: `${step.baseUrl}${step.basePath}` });
  switch (step.api) {
    case 'chat.completions':
    case 'chat':
      return drain(await client.chat.completions.create(body));
    case 'completions':
      return drain(await client.completions.create(body));
    case 'embeddings':
      return drain(await client.embeddings.create(body));
    case 'responses':
      return drain(await client.responses.create(body));
    case 'images.generations':
      return drain(await client.images.generate(body));
    default:
      throw new Error(`no SDK method for ${step.api}`);
  }
}

async function viaFetch(step) {
  const response = await fetch(`${step.baseUrl}${step.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test-not-a-real-key-000000000000' },
    body: JSON.stringify(step.body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, sha256: createHash('sha256').update(bytes).digest('hex') };
}

await replayPlan((step) => (step.client === 'fetch' ? viaFetch(step) : viaSdk(step)), { errorKey: 'status' });
