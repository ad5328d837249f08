import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startOtlpHttpReceiver } from './otlp-http-receiver.js';
import { hostPort, startOtlpReceiver } from './otlp-receiver.js';
import type { ReceivedSpan } from './received-telemetry.js';
import type { StoreLimits } from './store/store-types.js';
import { TraceStore } from './store/trace-store.js';
import { TraceCollector } from './trace-collector.js';
import { formatTraceTree } from './trace-tree.js';
import { isLoopback, startUiServer } from './web/ui-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ViewOptions {
  /** Default '127.0.0.1': the viewer is a local dev tool and should not listen publicly. */
  host?: string;
  /** OTLP/gRPC; default 4317 so apps exporting to the OTLP default endpoint show up unchanged. */
  port?: number;
  /** OTLP/HTTP; default 4318. */
  httpPort?: number;
  /** Web UI and query APIs; default 16686 (Jaeger's UI port). */
  uiPort?: number;
  /** SQLite file of the store; ignored with `memory`. */
  dbPath?: string;
  /** Keep traces in memory only. */
  memory?: boolean;
  limits?: Partial<StoreLimits>;
  /** Print each completed trace as a tree (else one line with its URL). */
  tree?: boolean;
  /** Quiet period before a trace counts as complete; see TraceCollector. */
  quietMs?: number;
  /** Where output goes; each call gets whole lines ending in '\n'. Default stdout. */
  out?: (text: string) => void;
  /** Warnings; default stderr. */
  err?: (text: string) => void;
  /** The bundled UI; default the `static` folder next to this file in dist/. */
  assetsDir?: string;
  /** Largest OTLP request accepted, in bytes (both protocols). */
  maxRequestBytes?: number;
}

export interface RunningView {
  /** The OTLP/gRPC port (also `grpcPort`). */
  port: number;
  grpcPort: number;
  httpPort: number;
  uiPort: number;
  /** The UI's base URL, e.g. http://127.0.0.1:16686 */
  uiUrl: string;
  store: TraceStore;
  /** The UI URL that opens one trace. */
  traceUrl(traceId: string): string;
  /** Resolves with a trace's spans once it completed (quiet period over), or rejects after `timeoutMs`. */
  waitForTrace(predicate: (spans: ReceivedSpan[]) => boolean, timeoutMs: number): Promise<ReceivedSpan[]>;
  /** Stops listening, prints the traces still waiting for their quiet period, closes the store. */
  close(): Promise<void>;
}

/** The warning printed when the viewer listens beyond loopback, or undefined on loopback. */
export function nonLoopbackWarning(host: string): string | undefined {
  if (isLoopback(host)) return undefined;
  return `llm-otel view: warning: listening on ${host}, not loopback: the UI and APIs have no authentication, so anyone who can reach this address can read every stored trace (prompts included, if captured)\n`;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * `llm-otel view`: OTLP/gRPC and OTLP/HTTP receivers feeding a SQLite store, and a web UI
 * with the Jaeger-compatible query API on top. Signal handling is left to the caller.
 */
export async function runView(options: ViewOptions = {}): Promise<RunningView> {
  const host = options.host ?? '127.0.0.1';
  const out = options.out ?? ((text: string) => void process.stdout.write(text));
  const err = options.err ?? ((text: string) => void process.stderr.write(text));
  const store = await TraceStore.open({ path: options.dbPath, memory: options.memory, limits: options.limits });
  const closers: Array<() => Promise<void> | void> = [() => store.close()];
  const closeAll = async () => {
    while (closers.length) await closers.pop()!();
  };

  const waiters = new Set<{ predicate: (spans: ReceivedSpan[]) => boolean; resolve: (spans: ReceivedSpan[]) => void }>();
  let traceUrl = (traceId: string) => traceId;
  const collector = new TraceCollector({
    quietMs: options.quietMs,
    onTrace: (spans) => {
      if (options.tree) out(`${formatTraceTree(spans)}\n\n`);
      else {
        const root = spans.find((span) => !span.parentSpanId) ?? spans[0]!;
        out(`trace ${root.traceId}  ${root.name}  (${spans.length} ${spans.length === 1 ? 'span' : 'spans'})  ${traceUrl(root.traceId)}\n`);
      }
      for (const waiter of waiters) {
        if (!waiter.predicate(spans)) continue;
        waiters.delete(waiter);
        waiter.resolve(spans);
      }
    },
  });
  const onSpans = (spans: ReceivedSpan[]) => {
    store.ingestSpans(spans);
    collector.add(spans);
  };
  const onMetrics = (metrics: Parameters<TraceStore['ingestMetrics']>[0]) => store.ingestMetrics(metrics);

  try {
    const grpc = await startOtlpReceiver({ host, port: options.port ?? 4317, maxRequestBytes: options.maxRequestBytes, onSpans, onMetrics });
    closers.push(() => grpc.close());
    const httpReceiver = await startOtlpHttpReceiver({ host, port: options.httpPort ?? 4318, maxRequestBytes: options.maxRequestBytes, onSpans, onMetrics });
    closers.push(() => httpReceiver.close());
    const ui = await startUiServer({ host, port: options.uiPort ?? 16686, store, assetsDir: options.assetsDir ?? path.join(here, 'static') });
    closers.push(() => ui.close());

    const uiUrl = `http://${urlHost(host)}:${ui.port}`;
    traceUrl = (traceId) => `${uiUrl}/#/trace/${traceId}`;
    out(`llm-otel view: OTLP/gRPC on ${hostPort(host, grpc.port)}, OTLP/HTTP on ${hostPort(host, httpReceiver.port)}, UI on ${uiUrl}\n`);
    const warning = nonLoopbackWarning(host);
    if (warning) err(warning);
    return {
      port: grpc.port,
      grpcPort: grpc.port,
      httpPort: httpReceiver.port,
      uiPort: ui.port,
      uiUrl,
      store,
      traceUrl: (traceId) => traceUrl(traceId),
      waitForTrace(predicate, timeoutMs) {
        return new Promise((resolve, reject) => {
          const waiter = {
            predicate,
            resolve: (spans: ReceivedSpan[]) => {
              clearTimeout(timer);
              resolve(spans);
            },
          };
          const timer = setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`no matching trace completed within ${timeoutMs} ms`));
          }, timeoutMs);
          waiters.add(waiter);
        });
      },
      async close() {
        // Receivers first, so nothing arrives while the store closes.
        const [uiClose, httpClose, grpcClose, storeClose] = [closers[3], closers[2], closers[1], closers[0]];
        closers.length = 0;
        await uiClose?.();
        await httpClose?.();
        await grpcClose?.();
        collector.flushAll();
        await storeClose?.();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
