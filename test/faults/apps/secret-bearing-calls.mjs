// An app whose LLM calls carry credentials every way providers take them: Authorization bearer,
// api-key, x-api-key and x-goog-api-key headers, `?key=` and `?api_key=` query parameters, through
// fetch, node:http and the official SDKs; plus non-LLM requests with keys in their query.
// Env: BASES (JSON: { openai, azure, gemini, anthropic } base URLs), SECRET_HEADERS, SECRET_QUERY (JSON).
// Prints { call, ok, error? } per call, then { problems }.
import http from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI, { AzureOpenAI } from 'openai';

const bases = JSON.parse(process.env.BASES);
const secretHeaders = JSON.parse(process.env.SECRET_HEADERS);
const secretQuery = JSON.parse(process.env.SECRET_QUERY);
const query = `?${new URLSearchParams(secretQuery)}`;
const bearer = secretHeaders.authorization.replace(/^Bearer /, '');
const chatBody = JSON.stringify({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'Tell me a joke about opentelemetry' }] });

const problems = [];
process.on('unhandledRejection', (e) => problems.push(`unhandledRejection: ${e?.stack ?? e}`));
process.on('uncaughtException', (e) => problems.push(`uncaughtException: ${e?.stack ?? e}`));

function httpCall(url, method, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { 'content-type': 'application/json', ...secretHeaders } });
    req.on('error', reject);
    req.on('response', (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.end(body);
  });
}

const CALLS = {
  'fetch, OpenAI chat, every header and query key': async () => {
    const response = await fetch(`${bases.openai}/v1/chat/completions${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...secretHeaders }, body: chatBody });
    await response.json();
  },
  'node:http, OpenAI chat, every header and query key': () => httpCall(`${bases.openai}/v1/chat/completions${query}`, 'POST', chatBody),
  'openai SDK, bearer key and api_key query': async () => {
    const client = new OpenAI({ apiKey: bearer, baseURL: `${bases.openai}/v1`, defaultQuery: secretQuery, maxRetries: 0 });
    await client.chat.completions.create({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'Tell me a joke about opentelemetry' }] });
  },
  'AzureOpenAI SDK, api-key header': async () => {
    const client = new AzureOpenAI({ apiKey: secretHeaders['api-key'], endpoint: bases.azure, apiVersion: '2024-02-01', deployment: 'openllmetry-testing', maxRetries: 0 });
    await client.chat.completions.create({ model: 'openllmetry-testing', messages: [{ role: 'user', content: 'Tell me a joke about opentelemetry' }] });
  },
  'fetch, Gemini generateContent, ?key= and x-goog-api-key': async () => {
    const response = await fetch(`${bases.gemini}/v1beta/models/gemini-2.5-flash:generateContent?key=${secretQuery.key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': secretHeaders['x-goog-api-key'] },
      body: JSON.stringify({ contents: [{ parts: [{ text: 'What is ai?' }], role: 'user' }] }),
    });
    await response.json();
  },
  '@google/genai SDK, x-goog-api-key header': async () => {
    const ai = new GoogleGenAI({ apiKey: secretHeaders['x-goog-api-key'], httpOptions: { baseUrl: bases.gemini, apiVersion: 'v1beta' } });
    await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'What is ai?' });
  },
  // This SDK major sends its key as a bearer token; the x-api-key header is added as older majors sent it.
  '@anthropic-ai/sdk, bearer key and x-api-key header': async () => {
    const client = new Anthropic({
      apiKey: secretHeaders['x-api-key'], authToken: null, baseURL: bases.anthropic, maxRetries: 0,
      defaultHeaders: { 'x-api-key': secretHeaders['x-api-key'] },
    });
    await client.messages.create({ model: 'claude-3-opus-20240229', max_tokens: 1024, messages: [{ role: 'user', content: 'Tell me a joke about OpenTelemetry' }] });
  },
  'fetch, non-LLM GET with keys in the query': async () => {
    await (await fetch(`${bases.openai}/v1/models${query}`, { headers: secretHeaders })).arrayBuffer();
  },
  'node:http, non-LLM GET with keys in the query': () => httpCall(`${bases.openai}/v1/models${query}`, 'GET'),
};

for (const [call, run] of Object.entries(CALLS)) {
  try {
    await run();
    console.log(JSON.stringify({ call, ok: true }));
  } catch (error) {
    console.log(JSON.stringify({ call, ok: false, error: String(error?.message ?? error) }));
  }
}
console.log(JSON.stringify({ problems }));
