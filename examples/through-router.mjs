// An app that lets the router choose the model: every call asks for `model: "auto"`, and the
// router's answer headers say which model and decision it chose and whether the cache answered.
// Run under --import so the app's spans, the router's and the backend call form one trace.
//
//   npx llm-otel router --config router-config.yaml     # in another terminal (see the README)
//   ROUTER_URL=http://127.0.0.1:8801 node --import ./register.js examples/through-router.mjs
import OpenAI from 'openai';
import { trace } from 'llm-otel';

const routerUrl = process.env.ROUTER_URL ?? 'http://127.0.0.1:8801';
// The router holds the backends' keys (api_key_env); the app's key never leaves the router.
const client = new OpenAI({ apiKey: 'sk-app-not-forwarded', baseURL: `${routerUrl}/v1`, maxRetries: 0 });

const questions = [
  'Write a function that checks whether a string is a palindrome.',
  'What is the derivative of x squared?',
  'Suggest a name for a tracing library.',
  'Write a function that checks whether a string is a palindrome.',
];

async function ask(question, stream) {
  const params = { model: 'auto', messages: [{ role: 'user', content: question }], max_tokens: 12 };
  if (!stream) {
    const { data, response } = await client.chat.completions.create(params).withResponse();
    return { response, answer: data.choices[0].message.content };
  }
  const { data, response } = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } }).withResponse();
  let answer = '';
  for await (const chunk of data) answer += chunk.choices[0]?.delta?.content ?? '';
  return { response, answer };
}

await trace('route-questions', { tags: ['example', 'router'] }, async () => {
  for (const [index, question] of questions.entries()) {
    const { response, answer } = await ask(question, index === 2);
    console.log(JSON.stringify({
      example: 'through-router',
      question,
      model: response.headers.get('x-vsr-selected-model'),
      decision: response.headers.get('x-vsr-selected-decision'),
      cacheHit: response.headers.get('x-vsr-cache-hit') === 'true',
      answer,
    }));
  }
});
