import { startOtlpReceiver } from './otlp-receiver.js';
import { TraceCollector } from './trace-collector.js';
import { formatTraceTree } from './trace-tree.js';

export interface ViewOptions {
  /** Default '127.0.0.1': the viewer is a local dev tool and should not listen publicly. */
  host?: string;
  /** Default 4317 so apps exporting to the OTLP default endpoint show up unchanged. */
  port?: number;
  /** Quiet period before a trace is printed; see TraceCollector. */
  quietMs?: number;
  /** Where output goes; each call gets whole lines ending in '\n'. Default stdout. */
  out?: (text: string) => void;
}

export interface RunningView {
  port: number;
  /** Stops listening, then prints the traces still waiting for their quiet period. */
  close(): Promise<void>;
}

/**
 * `llm-otel view`: a local OTLP/gRPC endpoint that prints each trace as a tree
 * once it is complete. Signal handling is left to the caller.
 */
export async function runView(options: ViewOptions = {}): Promise<RunningView> {
  const host = options.host ?? '127.0.0.1';
  const out = options.out ?? ((text: string) => void process.stdout.write(text));
  const collector = new TraceCollector({
    quietMs: options.quietMs,
    onTrace: (spans) => out(`${formatTraceTree(spans)}\n\n`),
  });
  const receiver = await startOtlpReceiver({
    host,
    port: options.port ?? 4317,
    onSpans: (spans) => collector.add(spans),
  });
  out(`llm-otel view: listening for OTLP/gRPC on ${host}:${receiver.port}\n`);

  return {
    port: receiver.port,
    async close() {
      await receiver.close();
      collector.flushAll();
    },
  };
}
