// The app of test/e2e/env-comparison.test.ts, run under llm-otel's register and under a plain
// NodeSDK (env-comparison-nodesdk.mjs): ENV_CMP_CALLS chat calls by fetch to LLM_BASE_URL inside a
// root span made with the OpenTelemetry API, with a baggage entry so the baggage propagator has
// something to send. Prints one JSON line with how many calls got an answer.
import { context, propagation, trace } from '@opentelemetry/api';

const calls = Number(process.env.ENV_CMP_CALLS ?? '1');
const tracer = trace.getTracer('env-comparison-app');
const withBaggage = propagation.setBaggage(context.active(), propagation.createBaggage({ 'case.name': { value: 'env-comparison' } }));

let answered = 0;
await context.with(withBaggage, () =>
  tracer.startActiveSpan('env-comparison-root', async (root) => {
    for (let i = 0; i < calls; i += 1) {
      const response = await fetch(`${process.env.LLM_BASE_URL}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 }),
      });
      if (response.ok) answered += 1;
      await response.text();
    }
    root.end();
  }),
);
console.log(JSON.stringify({ answered }));
