// A CommonJS app (require, no ESM) run with `node --import ./register.js`: must be traced too.
const OpenAI = require('openai');

const client = new OpenAI({ apiKey: 'sk-cjs-test-00000000000000000000000', baseURL: process.env.BASE_URL, maxRetries: 0 });
client.chat.completions
  .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'from commonjs' }], max_tokens: 2 })
  .then((result) => console.log(JSON.stringify({ id: result.id })));
