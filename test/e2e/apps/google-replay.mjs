// Replays recorded Gemini API and Vertex AI exchanges through the official `@google/genai` SDK, or
// raw fetch where the recording's URL is one that SDK never builds, as a user's app would.
// Plan (env REPLAY_PLAN, JSON): [{ fixture, baseUrl, client: 'genai'|'fetch', backend: 'gemini'|'vertex',
//   apiVersion, project?, location?, model, stream, path }]
// The request body is read from the fixture file. Prints one JSON line per call:
// { fixture, ok, chunks?, status?, sha256?, error? }.
import { createHash } from 'node:crypto';
import { GoogleGenAI } from '@google/genai';
import { OAuth2Client } from 'google-auth-library';
import { recordedBody, replayPlan } from './replay-loop.mjs';

/**
 * Vertex AI authenticates with Google Cloud credentials. An OAuth client holding an unexpired
 * test token gives the SDK its `Authorization` header without reaching Google's token service.
 */
function offlineAuthClient() {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: 'ya29.test-not-a-real-token', expiry_date: Date.now() + 3_600_000 });
  return client;
}

function clientFor(step) {
  const httpOptions = { baseUrl: step.baseUrl, apiVersion: step.apiVersion, timeout: 10_000 };
  if (step.backend === 'vertex') {
    return new GoogleGenAI({
      vertexai: true,
      project: step.project,
      location: step.location,
      googleAuthOptions: { authClient: offlineAuthClient() },
      httpOptions,
    });
  }
  return new GoogleGenAI({ apiKey: 'AIza-fake-not-a-real-key', httpOptions });
}

/** The recorded REST body as the SDK's parameters: generation settings, tools and system instruction go in `config`. */
function sdkParams(step, body) {
  const config = { ...body.generationConfig };
  if (body.tools) config.tools = body.tools;
  if (body.systemInstruction) config.systemInstruction = body.systemInstruction;
  return { model: step.model, contents: body.contents, config };
}

async function viaSdk(step) {
  const ai = clientFor(step);
  const params = sdkParams(step, recordedBody(step.fixture));
  if (!step.stream) {
    await ai.models.generateContent(params);
    return {};
  }
  let chunks = 0;
  for await (const _ of await ai.models.generateContentStream(params)) chunks += 1;
  return { chunks };
}

async function viaFetch(step) {
  const response = await fetch(`${step.baseUrl}${step.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ya29.test-not-a-real-token' },
    body: JSON.stringify(recordedBody(step.fixture)),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, sha256: createHash('sha256').update(bytes).digest('hex') };
}

await replayPlan((step) => (step.client === 'fetch' ? viaFetch(step) : viaSdk(step)), { errorKey: 'status' });
