// Calls an OpenAI chat model through LangChain (`@langchain/openai` ChatOpenAI invoke and
// stream, `configuration: { baseURL }`), as a LangChain app would, against recorded responses.
// Plan (env REPLAY_PLAN, JSON): [{ fixture, baseUrl, call: 'invoke'|'stream', model }]
// Prints one JSON line per call: { fixture, ok, usage?, chunks?, error? }.
import { ChatOpenAI } from '@langchain/openai';
import { replayPlan } from './replay-loop.mjs';

async function call(step) {
  const llm = new ChatOpenAI({
    model: step.model,
    apiKey: 'sk-test-not-a-real-key',
    maxRetries: 0,
    configuration: { baseURL: `${step.baseUrl}/v1` },
  });
  if (step.call === 'invoke') {
    const message = await llm.invoke('Tell me a joke about OpenTelemetry');
    return { usage: message.usage_metadata ?? null };
  }
  let chunks = 0;
  for await (const _ of await llm.stream('Tell me a joke about OpenTelemetry')) chunks += 1;
  return { chunks };
}

await replayPlan(call);
