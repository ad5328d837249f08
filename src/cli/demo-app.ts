/**
 * The app `llm-otel demo` runs under `--import llm-otel/register`: an ordinary program with no
 * tracing code except one parent span, so the trace shows LLM calls nested under app work. It
 * calls the demo's router with `model: "auto"`, so the router's stages and its call to the
 * backend appear beneath each chat call.
 * It uses the `openai` SDK when installed (a clone of this repository has it) and raw fetch
 * otherwise; both are traced the same way, at the HTTP layer.
 */
import { trace } from '@opentelemetry/api';

const baseURL = process.env.OPENAI_BASE_URL ?? 'http://127.0.0.1:8801/v1';
/** The router classifies the request and picks the model. */
const MODEL = 'auto';
const apiKey = 'sk-demo-not-a-real-key';

interface Caller {
  chat(stream: boolean): Promise<string>;
  embed(): Promise<number>;
}

async function openAiCaller(): Promise<Caller | undefined> {
  try {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({ apiKey, baseURL });
    return {
      async chat(stream) {
        const params = { model: MODEL, messages: [{ role: 'user' as const, content: 'Say hello to the trace viewer' }], max_tokens: 8 };
        if (!stream) return (await client.chat.completions.create(params)).choices[0]?.message.content ?? '';
        let text = '';
        const events = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } });
        for await (const chunk of events) text += chunk.choices[0]?.delta?.content ?? '';
        return text;
      },
      async embed() {
        const result = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['traces', 'spans'] });
        return result.data.length;
      },
    };
  } catch {
    return undefined;
  }
}

function fetchCaller(): Caller {
  const post = (path: string, body: object) =>
    fetch(`${baseURL}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    });
  return {
    async chat(stream) {
      const response = await post('/chat/completions', {
        model: MODEL, messages: [{ role: 'user', content: 'Say hello' }], max_tokens: 8, stream,
        ...(stream ? { stream_options: { include_usage: true } } : {}),
      });
      return response.text();
    },
    async embed() {
      const response = await post('/embeddings', { model: 'text-embedding-3-small', input: ['traces', 'spans'] });
      return ((await response.json()) as { data: unknown[] }).data.length;
    },
  };
}

const caller = (await openAiCaller()) ?? fetchCaller();
await trace.getTracer('llm-otel-demo').startActiveSpan('answer-question', async (span) => {
  try {
    console.log('chat:', await caller.chat(false));
    console.log('streamed chat:', await caller.chat(true));
    console.log('embeddings:', await caller.embed());
  } finally {
    span.end();
  }
});
