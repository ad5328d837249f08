import {
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import type protobuf from 'protobufjs';

import { decodeMetricsExport } from './decode-metrics-export.js';
import { decodeTraceExport } from './decode-trace-export.js';
import {
  ExportMetricsServiceResponse,
  ExportTraceServiceResponse,
  MetricsService,
  TraceService,
} from './otlp-schema.js';
import type { ReceivedMetric, ReceivedSpan } from './received-telemetry.js';

export type { ReceivedMetric, ReceivedSpan } from './received-telemetry.js';

export interface OtlpReceiverOptions {
  /** Interface to bind. Default '127.0.0.1' so the receiver is never exposed by accident. */
  host?: string;
  /** 0 picks a free port. Default 4317, the OTLP/gRPC port exporters use out of the box. */
  port?: number;
  /**
   * Largest request accepted, in bytes (default 64 MiB); a larger one is refused with
   * RESOURCE_EXHAUSTED by grpc-js itself and nothing of it is kept.
   */
  maxRequestBytes?: number;
  /** Called with each decoded trace export batch, after the exporter got its answer. */
  onSpans?: (spans: ReceivedSpan[]) => void;
  /** Called with each decoded metrics export batch, after the exporter got its answer. */
  onMetrics?: (metrics: ReceivedMetric[]) => void;
}

export interface OtlpReceiver {
  /** The bound port (the real one when 0 was asked for). */
  port: number;
  /** Every span received so far, in arrival order. */
  spans: ReceivedSpan[];
  /** Every metric received so far, in arrival order. */
  metrics: ReceivedMetric[];
  /**
   * Resolves with a copy of all spans once `predicate` holds for them, checked as each export of
   * spans or metrics arrives (a predicate may read `metrics`); rejects after `timeoutMs` (or on
   * close) with how many spans did arrive.
   */
  waitForSpans(predicate: (spans: ReceivedSpan[]) => boolean, timeoutMs: number): Promise<ReceivedSpan[]>;
  /** Graceful shutdown, forced after one second so a stuck client cannot hang the caller. */
  close(): Promise<void>;
}

const FORCE_SHUTDOWN_AFTER_MS = 1000;

// grpc-js refuses messages above 4 MiB by default; LLM spans that carry prompt
// and completion content can exceed that in a single batch.
export const DEFAULT_MAX_OTLP_REQUEST_BYTES = 64 * 1024 * 1024;

const passThrough = (bytes: Buffer): Buffer => bytes;

/**
 * A unary `Export` method whose request bytes reach the handler untouched, so a
 * decoding failure becomes an INVALID_ARGUMENT answer instead of a grpc-js
 * internal error.
 */
function exportServiceDefinition(service: protobuf.Service): ServiceDefinition {
  return {
    Export: {
      // fullName is '.opentelemetry.proto.collector.trace.v1.TraceService'.
      path: `/${service.fullName.slice(1)}/Export`,
      requestStream: false,
      responseStream: false,
      requestSerialize: passThrough,
      requestDeserialize: passThrough,
      responseSerialize: passThrough,
      responseDeserialize: passThrough,
    },
  };
}

function exportHandler<T>(
  decode: (bytes: Uint8Array) => T[],
  emptyResponse: Buffer,
  onDecoded: (items: T[]) => void,
) {
  return (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>): void => {
    let items: T[];
    try {
      items = decode(call.request);
    } catch (error) {
      callback({ code: status.INVALID_ARGUMENT, details: `cannot decode OTLP request: ${String(error)}` });
      return;
    }
    callback(null, emptyResponse);
    onDecoded(items);
  };
}

export function hostPort(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

function bind(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => {
      // grpc-js says "No address added..."; lead with what we were trying to do.
      if (error) reject(new Error(`cannot listen for OTLP/gRPC on ${address}: ${error.message}`, { cause: error }));
      else resolve(port);
    });
  });
}

// A listener that throws must not break the receiver or the exporter's call.
export function notify<T>(listener: ((items: T[]) => void) | undefined, items: T[]): void {
  if (!listener) return;
  try {
    listener(items);
  } catch (error) {
    process.emitWarning(`llm-otel: OTLP receiver listener failed: ${String(error)}`);
  }
}

interface SpanWaiter {
  predicate: (spans: ReceivedSpan[]) => boolean;
  resolve: (spans: ReceivedSpan[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Starts a local OTLP/gRPC endpoint accepting trace and metrics exports. */
export async function startOtlpReceiver(options: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
  const host = options.host ?? '127.0.0.1';
  const spans: ReceivedSpan[] = [];
  const metrics: ReceivedMetric[] = [];
  const waiters = new Set<SpanWaiter>();

  const settleWaiters = (): void => {
    for (const waiter of waiters) {
      if (!waiter.predicate(spans)) continue;
      waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve([...spans]);
    }
  };

  const server = new Server({
    'grpc.max_receive_message_length': options.maxRequestBytes ?? DEFAULT_MAX_OTLP_REQUEST_BYTES,
  });
  server.addService(exportServiceDefinition(TraceService), {
    Export: exportHandler(
      decodeTraceExport,
      Buffer.from(ExportTraceServiceResponse.encode({}).finish()),
      (batch: ReceivedSpan[]) => {
        for (const span of batch) spans.push(span);
        settleWaiters();
        notify(options.onSpans, batch);
      },
    ),
  });
  server.addService(exportServiceDefinition(MetricsService), {
    Export: exportHandler(
      decodeMetricsExport,
      Buffer.from(ExportMetricsServiceResponse.encode({}).finish()),
      (batch: ReceivedMetric[]) => {
        for (const metric of batch) metrics.push(metric);
        // A waiter's condition may read the metrics received too (the router's e2e test does).
        settleWaiters();
        notify(options.onMetrics, batch);
      },
    ),
  });

  const port = await bind(server, hostPort(host, options.port ?? 4317));

  return {
    port,
    spans,
    metrics,
    waitForSpans(predicate, timeoutMs) {
      if (predicate(spans)) return Promise.resolve([...spans]);
      return new Promise((resolve, reject) => {
        const waiter: SpanWaiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`waitForSpans: condition not met within ${timeoutMs} ms (${spans.length} spans received)`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    close() {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`waitForSpans: receiver closed (${spans.length} spans received)`));
      }
      waiters.clear();
      return new Promise((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, FORCE_SHUTDOWN_AFTER_MS);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}
