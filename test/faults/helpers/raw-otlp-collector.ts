import { Server, ServerCredentials, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { decodeTraceExport } from '../../../src/viewer/decode-trace-export.js';
import type { ReceivedSpan } from '../../helpers/otlp-receiver.js';
import { RAW_TRACE_EXPORT_SERVICE } from './raw-trace-export-service.js';

/**
 * A gRPC trace collector on 127.0.0.1 that keeps every Export request as the bytes that arrived,
 * so a test can scan what left the process (not a decoded view of it) for secrets and prompt text.
 */
export interface RawOtlpCollector {
  readonly endpoint: string;
  /** Every Export request body, as received. */
  readonly exports: readonly Buffer[];
  /** The same requests decoded. */
  spans(): ReceivedSpan[];
  /** Waits until `count` spans arrived or `timeoutMs` passed. */
  waitForSpans(count: number, timeoutMs: number): Promise<ReceivedSpan[]>;
  close(): Promise<void>;
}


export async function startRawOtlpCollector(): Promise<RawOtlpCollector> {
  const exports: Buffer[] = [];
  const server = new Server();
  server.addService(
    RAW_TRACE_EXPORT_SERVICE,
    {
      // An empty ExportTraceServiceResponse is zero bytes of protobuf.
      Export: (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) => {
        exports.push(call.request);
        callback(null, Buffer.alloc(0));
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  const spans = () => exports.flatMap((bytes) => decodeTraceExport(bytes));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    exports,
    spans,
    async waitForSpans(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (spans().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      return spans();
    },
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 1000);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
