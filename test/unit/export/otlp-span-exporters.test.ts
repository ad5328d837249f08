import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { createOtlpSpanExporter } from '../../../src/export/otlp-span-exporters.js';
import { startOtlpHttpReceiver } from '../../../src/viewer/otlp-http-receiver.js';
import { startOtlpReceiver } from '../../../src/viewer/otlp-receiver.js';
import type { ReceivedSpan } from '../../../src/viewer/received-telemetry.js';

/** Our serializer inside the packages' own exporters, over both protocols, to receivers on 127.0.0.1. */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function sendTwoSpans(exporter: SpanExporter): Promise<void> {
  const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': 'exporter-test' }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  cleanups.push(() => provider.shutdown());
  const tracer = provider.getTracer('exporter-test-scope', '1.0.0');
  tracer.startSpan('chat gpt-4o', { attributes: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 42, 'gen_ai.response.finish_reasons': ['stop'] } }).end();
  tracer.startSpan('embeddings ü').end();
  await provider.forceFlush();
}

function expectTwoSpans(spans: ReceivedSpan[]): void {
  expect(spans.map((s) => s.name).sort()).toEqual(['chat gpt-4o', 'embeddings ü']);
  const chat = spans.find((s) => s.name === 'chat gpt-4o')!;
  expect(chat.attributes).toMatchObject({ 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 42, 'gen_ai.response.finish_reasons': ['stop'] });
}

describe('createOtlpSpanExporter', () => {
  it('sends over OTLP/gRPC', async () => {
    const receiver = await startOtlpReceiver({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => receiver.close());
    await sendTwoSpans(createOtlpSpanExporter('grpc', { url: `http://127.0.0.1:${receiver.port}` }));
    expectTwoSpans(await receiver.waitForSpans((spans) => spans.length >= 2, 10_000));
  }, 30_000);

  it('sends over OTLP/HTTP protobuf', async () => {
    const received: ReceivedSpan[] = [];
    const receiver = await startOtlpHttpReceiver({ host: '127.0.0.1', port: 0, onSpans: (spans) => received.push(...spans) });
    cleanups.push(() => receiver.close());
    await sendTwoSpans(createOtlpSpanExporter('http/protobuf', { url: `http://127.0.0.1:${receiver.port}/v1/traces` }));
    expectTwoSpans(received);
  }, 30_000);
});
