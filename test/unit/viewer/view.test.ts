import { context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';

import { nonLoopbackWarning, runView } from '../../../src/viewer/view.js';

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every port ephemeral, the store in memory, trees printed: what tests need. */
const EPHEMERAL = { host: '127.0.0.1', port: 0, httpPort: 0, uiPort: 0, memory: true, tree: true } as const;

describe('runView', () => {
  it('prints a trace exported over OTLP/gRPC as a tree once it is quiet', async () => {
    const output: string[] = [];
    const view = await runView({ ...EPHEMERAL, quietMs: 100, out: (text) => output.push(text) });
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'view-test' }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `http://127.0.0.1:${view.port}` }) })],
    });
    try {
      expect(output).toEqual([
        `llm-otel view: OTLP/gRPC on 127.0.0.1:${view.port}, OTLP/HTTP on 127.0.0.1:${view.httpPort}, UI on http://127.0.0.1:${view.uiPort}\n`,
      ]);

      const tracer = provider.getTracer('view-test');
      const start = Date.now();
      const agent = tracer.startSpan('invoke_agent helper', { startTime: start });
      const chat = tracer.startSpan(
        'chat gpt-4o-mini',
        {
          startTime: start + 5,
          attributes: {
            'gen_ai.request.model': 'gpt-4o-mini',
            'gen_ai.usage.input_tokens': 9,
            'gen_ai.usage.output_tokens': 21,
          },
        },
        trace.setSpan(context.active(), agent),
      );
      chat.end(start + 125);
      agent.end(start + 130);
      await provider.forceFlush();

      await until(() => output.length > 1, 5000);
      expect(output.slice(1)).toEqual([
        [
          `trace ${agent.spanContext().traceId}  (2 spans, service view-test)`,
          'invoke_agent helper  130.0 ms',
          '└─ chat gpt-4o-mini  120.0 ms  model=gpt-4o-mini  in=9 out=21',
          '',
          '',
        ].join('\n'),
      ]);
    } finally {
      await provider.shutdown();
      await view.close();
    }
  });

  it('prints traces still pending when closed', async () => {
    const output: string[] = [];
    const view = await runView({ ...EPHEMERAL, quietMs: 60_000, out: (text) => output.push(text) });
    const provider = new TracerProvider({
      spanProcessors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `http://127.0.0.1:${view.port}` }) })],
    });
    provider.getTracer('t').startSpan('lonely').end();
    await provider.forceFlush();
    await provider.shutdown();
    expect(output).toHaveLength(1);

    await view.close();
    expect(output).toHaveLength(2);
    expect(output[1]).toMatch(/^trace [0-9a-f]{32} {2}\(1 span, service unknown_service.*\)\nlonely {2}\d+\.\d ms\n\n$/);
  });

  it('warns that the UI has no authentication when the host is not loopback, and only then', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) expect(nonLoopbackWarning(host)).toBeUndefined();
    for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
      expect(nonLoopbackWarning(host)).toBe(
        `llm-otel view: warning: listening on ${host}, not loopback: the UI and APIs have no authentication, so anyone who can reach this address can read every stored trace (prompts included, if captured)\n`,
      );
    }
  });
});
