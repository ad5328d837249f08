// An app that sets up its own OpenTelemetry SDK instead of `--import llm-otel/register`, and adds
// only what llm-otel brings: the LLM HTTP capture (with cost on each LLM span and the GenAI
// client metrics on the meter provider it is given) and the processor that copies user/session/tags
// onto every span. Run it without --import:
//
//   npm run build && node examples/own-sdk.mjs
//
// Start the SDK before the code that makes LLM calls runs, as with any instrumentation.
import { credentials } from '@grpc/grpc-js';
import { context, metrics, trace as otelTrace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import {
  ATTR_LLM_OTEL_PRICE_TABLE,
  LlmHttpInstrumentation,
  TraceAttributesSpanProcessor,
  priceTableVersion,
  span,
  trace,
} from 'llm-otel';
import { llmEndpoint } from './llm-endpoint.mjs';

const collector = process.env.OTLP_ENDPOINT ?? 'http://localhost:4317';
const resource = resourceFromAttributes({ 'service.name': 'own-sdk-example', [ATTR_LLM_OTEL_PRICE_TABLE]: priceTableVersion() });

// Traces: our processor first (it only sets attributes), then the exporting one.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new TracerProvider({
  resource,
  spanProcessors: [
    new TraceAttributesSpanProcessor(),
    new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: collector, credentials: credentials.createInsecure() }) }),
  ],
});
otelTrace.setGlobalTracerProvider(tracerProvider);

// Metrics: any meter provider; the instrumentation records the GenAI client metrics on it.
const meterProvider = new MeterProvider({
  resource,
  readers: [
    new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: collector, credentials: credentials.createInsecure() }),
      exportIntervalMillis: 60_000,
    }),
  ],
});
metrics.setGlobalMeterProvider(meterProvider);

// The LLM capture, with cost on each LLM span and the GenAI metrics of each finished call.
const llm = new LlmHttpInstrumentation();
llm.setTracerProvider(tracerProvider);
llm.setMeterProvider(meterProvider);

// The app. The SDK client is imported after the SDK started.
const { default: OpenAI } = await import('openai');
const endpoint = await llmEndpoint();
const client = new OpenAI({ apiKey: endpoint.apiKey, baseURL: endpoint.baseURL, maxRetries: 0 });

const reply = await trace('support-chat', { userId: 'user-own-sdk', sessionId: 'session-own-sdk', tags: ['example'] }, () =>
  span('support-agent', 'agent', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'How do I reset my password?' }],
      max_tokens: 7,
    });
    console.log(
      JSON.stringify({ example: 'own-sdk', prompt_tokens: completion.usage.prompt_tokens, completion_tokens: completion.usage.completion_tokens }),
    );
    return completion.choices[0].message.content;
  }),
);
console.log(JSON.stringify({ example: 'own-sdk', reply }));

await endpoint.close();
llm.disable();
await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
