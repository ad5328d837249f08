/**
 * An OpenTelemetry SDK set up the way an app with its own SDK would (global AsyncLocalStorage
 * context manager, a tracer provider with our TraceAttributesSpanProcessor), exporting to memory,
 * plus the HTTP capture and a local OpenAI-compatible server, so tests see manual and automatic
 * LLM spans together.
 */
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { TraceAttributesSpanProcessor } from '../../../src/api/trace-attributes-span-processor.js';
import { LlmHttpInstrumentation } from '../../../src/capture/llm-http-instrumentation.js';
import { startMockLlmServer, type MockLlmServer } from '../../../src/mock-server/mock-llm-server.js';

export interface InMemoryTracing {
  readonly exporter: InMemorySpanExporter;
  readonly provider: TracerProvider;
  readonly instrumentation: LlmHttpInstrumentation;
  readonly llm: MockLlmServer;
  /** Finished spans so far. */
  spans(): ReadableSpan[];
  /** POSTs a chat completion to the local server with the global fetch (traced by the capture). */
  chat(content: string, maxTokens?: number): Promise<{ prompt_tokens: number; completion_tokens: number }>;
  close(): Promise<void>;
}

export async function installInMemoryTracing(): Promise<InMemoryTracing> {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new TraceAttributesSpanProcessor(), new SimpleSpanProcessor({ exporter })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  const instrumentation = new LlmHttpInstrumentation();
  instrumentation.setTracerProvider(provider);
  const llm = await startMockLlmServer({ maxRequests: 2000 });
  return {
    exporter,
    provider,
    instrumentation,
    llm,
    spans: () => exporter.getFinishedSpans(),
    async chat(content, maxTokens = 3) {
      const response = await fetch(`${llm.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], max_tokens: maxTokens }),
      });
      return ((await response.json()) as { usage: { prompt_tokens: number; completion_tokens: number } }).usage;
    },
    async close() {
      instrumentation.disable();
      await llm.close();
      await provider.shutdown();
      trace.disable();
      context.disable();
    },
  };
}

export function parentIdOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

export function idOf(span: ReadableSpan): string {
  return span.spanContext().spanId;
}

/** The only finished span named `name`. */
export function only(spans: ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((s) => s.name === name);
  if (found.length !== 1) throw new Error(`expected one span '${name}', found ${found.length} in [${spans.map((s) => s.name).join(', ')}]`);
  return found[0]!;
}
