/**
 * The shared in-memory SDK (test/helpers/in-memory-sdk.ts) plus the HTTP capture and a local
 * OpenAI-compatible server, so tests see manual and automatic LLM spans together.
 */
import type { InMemorySpanExporter, ReadableSpan, TracerProvider } from '@opentelemetry/sdk-trace';
import { useInMemorySdk } from '../../helpers/in-memory-sdk.js';
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
  const { exporter, provider } = useInMemorySdk();
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
