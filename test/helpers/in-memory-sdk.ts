import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan, type Sampler } from '@opentelemetry/sdk-trace';
import { TraceAttributesSpanProcessor } from '../../src/api/trace-attributes-span-processor.js';

/**
 * The OpenTelemetry SDK as an app with its own SDK sets it up (AsyncLocalStorage context manager,
 * W3C propagator, a global tracer provider with our TraceAttributesSpanProcessor), exporting to
 * memory, for tests that run the capture or the manual API in the test process.
 *
 * A test file opts in by calling `useInMemorySdk()`; test/setup/in-memory-sdk.ts (vitest
 * `setupFiles`) clears the exporter before each test and shuts the SDK down after the file.
 * Files that do not call it keep the OpenTelemetry globals to themselves.
 */
export interface InMemorySdk {
  readonly exporter: InMemorySpanExporter;
  readonly provider: TracerProvider;
  /** Finished spans so far (since the current test started). */
  spans(): ReadableSpan[];
}

let current: InMemorySdk | undefined;

/** The file's in-memory SDK, registered globally on first use. `sampler` defaults to the SDK's. */
export function useInMemorySdk(options: { sampler?: Sampler } = {}): InMemorySdk {
  if (current) return current;
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    sampler: options.sampler,
    spanProcessors: [new TraceAttributesSpanProcessor(), new SimpleSpanProcessor({ exporter })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  current = { exporter, provider, spans: () => exporter.getFinishedSpans() };
  return current;
}

export function resetInMemorySdk(): void {
  current?.exporter.reset();
}

export async function shutdownInMemorySdk(): Promise<void> {
  if (!current) return;
  const { provider } = current;
  current = undefined;
  await provider.shutdown();
  trace.disable();
  propagation.disable();
  context.disable();
}
