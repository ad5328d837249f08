// An app with its own NodeSDK (own-sdk-setup.mjs): imported by the app itself, or before it with
// --import (OWN_SDK_SETUP=preloaded). One LLM call inside trace()/span(), then the SDK shuts down.
const { sdk } = await import('./own-sdk-setup.mjs');
const { trace, span } = await import('llm-otel');
const { default: OpenAI } = await import('openai');

const client = new OpenAI({ apiKey: 'sk-test', baseURL: process.env.LLM_BASE_URL, maxRetries: 0 });
const reply = await trace('support-chat', { userId: 'user-own-sdk' }, () =>
  span('support-agent', 'agent', () =>
    client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 3 }),
  ),
);
console.log(JSON.stringify({ outputTokens: reply.usage.completion_tokens }));
await sdk.shutdown();
