// Calls LLMs through the Vercel AI SDK (`ai` generateText/streamText with @ai-sdk/openai and
// @ai-sdk/anthropic), as an app using the framework would, against recorded responses.
// Plan (env REPLAY_PLAN, JSON): [{ fixture, baseUrl, provider, endpoint, call, model, telemetry }]
//   telemetry: 'off' (the default), 'enabled' (experimental_telemetry.isEnabled, no integration),
//   'otel' (the same, with @ai-sdk/otel's OpenTelemetry integration registered first).
// Prints one JSON line per call: { fixture, ok, usage?, textLength?, error? }.
import { generateText, registerTelemetry, streamText } from 'ai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { OpenTelemetry } from '@ai-sdk/otel';
import { replayPlan } from './replay-loop.mjs';

let otelRegistered = false;

function modelFor(step) {
  const baseURL = `${step.baseUrl}/v1`;
  if (step.provider === 'anthropic') return createAnthropic({ baseURL, apiKey: 'sk-ant-test-not-a-real-key' })(step.model);
  const openai = createOpenAI({ baseURL, apiKey: 'sk-test-not-a-real-key' });
  return step.endpoint === 'chat' ? openai.chat(step.model) : openai.responses(step.model);
}

async function call(step) {
  if (step.telemetry === 'otel' && !otelRegistered) {
    registerTelemetry(new OpenTelemetry());
    otelRegistered = true;
  }
  const options = {
    model: modelFor(step),
    prompt: 'Tell me a joke about OpenTelemetry',
    maxRetries: 0,
    ...(step.telemetry === 'off' ? {} : { experimental_telemetry: { isEnabled: true, functionId: step.fixture } }),
  };
  if (step.call === 'generateText') {
    const result = await generateText(options);
    return { usage: { input: result.usage.inputTokens, output: result.usage.outputTokens }, textLength: result.text.length };
  }
  let failure;
  const result = streamText({ ...options, onError: ({ error }) => (failure = error) });
  let textLength = 0;
  for await (const delta of result.textStream) textLength += delta.length;
  if (failure) throw failure;
  const usage = await result.usage;
  return { usage: { input: usage.inputTokens, output: usage.outputTokens }, textLength };
}

await replayPlan(call);
