// An agent loop: the model picks a tool, the agent runs it, a retrieval step looks up guides, and a
// streamed answer ends the turn. `trace` names the user and session; `span` marks the agent, each
// tool call and the retrieval. The LLM calls are traced without code: they become children of
// whichever span is active when the SDK sends them.
//
//   npm run build && node --import ./register.js examples/agent-loop.mjs
//   (OTLP_ENDPOINT=http://localhost:4317 by default; `npx llm-otel view` shows the tree)
import OpenAI from 'openai';
import { span, trace } from 'llm-otel';
import { llmEndpoint } from './llm-endpoint.mjs';

const MODEL = 'gpt-4o-mini';
const EMBEDDING_MODEL = 'text-embedding-3-small';
const MAX_STEPS = 4;

const endpoint = await llmEndpoint();
const client = new OpenAI({ apiKey: endpoint.apiKey, baseURL: endpoint.baseURL, maxRetries: 0 });

const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'search_guides',
      description: 'Search the travel guides',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
  },
];

const GUIDES = [
  { id: 'lisbon-hills', text: 'Lisbon is built on seven hills: bring shoes with grip.' },
  { id: 'lisbon-evenings', text: 'Evenings by the river turn cool; pack a light jacket.' },
  { id: 'porto-rain', text: 'Porto sees rain in spring; an umbrella helps.' },
];

/** Prints one JSON line the example's test reads: what the app itself saw of each LLM call. */
function report(fields) {
  console.log(JSON.stringify({ example: 'agent-loop', ...fields }));
}

function cosine(a, b) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / (Math.sqrt(na * nb) || 1);
}

async function getWeather({ city }) {
  await new Promise((resolve) => setTimeout(resolve, 5)); // a weather API would be called here
  return { city, celsius: 19, sky: 'clear' };
}

/** Retrieval: embed the query and the guides, rank the guides by similarity. */
function searchGuides({ query }) {
  return span('travel-guides', 'retrieval', { input: query }, async (retrieval) => {
    const response = await client.embeddings.create({ model: EMBEDDING_MODEL, input: [query, ...GUIDES.map((g) => g.text)] });
    report({ call: 'embeddings', prompt_tokens: response.usage.prompt_tokens });
    const [queryVector, ...guideVectors] = response.data.map((d) => d.embedding);
    const ranked = GUIDES.map((guide, i) => ({ id: guide.id, text: guide.text, score: cosine(queryVector, guideVectors[i]) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 2);
    retrieval.setOutput(ranked.map(({ id, score }) => ({ id, score })));
    return ranked;
  });
}

const RUN_TOOL = { get_weather: getWeather, search_guides: searchGuides };

/**
 * The tool the model asked for. The local mock server never asks for one, so without a real
 * model the agent follows a fixed plan: weather first, then the guides, then answer.
 */
function nextToolCall(message, step) {
  const call = message.tool_calls?.[0];
  if (call) return { id: call.id, name: call.function.name, args: JSON.parse(call.function.arguments || '{}') };
  const plan = [
    { name: 'get_weather', args: { city: 'Lisbon' } },
    { name: 'search_guides', args: { query: 'what to pack for Lisbon' } },
  ];
  return plan[step] ? { id: `call_plan_${step}`, ...plan[step] } : undefined;
}

async function answer(messages) {
  const stream = await client.chat.completions.create({
    model: MODEL,
    messages,
    max_tokens: 12,
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let usage;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  report({ call: 'chat', step: 'answer', prompt_tokens: usage?.prompt_tokens, completion_tokens: usage?.completion_tokens });
  return text;
}

const reply = await trace(
  'travel-assistant',
  { userId: 'user-7f3a', sessionId: 'session-2024-06-01-001', tags: ['example', 'agent'], metadata: { channel: 'chat' } },
  () =>
    span('travel-planner', 'agent', { description: 'plans trips and packing lists' }, async (agent) => {
      const messages = [
        { role: 'system', content: 'You are a travel assistant. Use the tools.' },
        { role: 'user', content: 'What should I pack for Lisbon this weekend?' },
      ];
      for (let step = 0; step < MAX_STEPS; step += 1) {
        const completion = await client.chat.completions.create({ model: MODEL, messages, tools: TOOLS, max_tokens: 8 });
        report({ call: 'chat', step, prompt_tokens: completion.usage.prompt_tokens, completion_tokens: completion.usage.completion_tokens });
        const toolCall = nextToolCall(completion.choices[0].message, step);
        if (!toolCall) break;
        const result = await span(toolCall.name, 'tool', { toolCallId: toolCall.id, toolType: 'function', input: toolCall.args }, async (tool) => {
          const output = await RUN_TOOL[toolCall.name](toolCall.args);
          tool.setOutput(output);
          return output;
        });
        messages.push(
          { role: 'assistant', content: null, tool_calls: [{ id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: JSON.stringify(toolCall.args) } }] },
          { role: 'tool', tool_call_id: toolCall.id, content: JSON.stringify(result) },
        );
      }
      const text = await answer(messages);
      agent.setOutput(text);
      return text;
    }),
);

report({ reply });
await endpoint.close();
