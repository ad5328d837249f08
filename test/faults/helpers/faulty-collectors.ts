import net from 'node:net';
import { Server, ServerCredentials, status, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { RAW_TRACE_EXPORT_SERVICE } from './raw-trace-export-service.js';

/**
 * Collectors that do not work, each on 127.0.0.1: one that refuses connections, one that accepts
 * and never answers, one that answers every export with a gRPC error. The app's exporter is
 * pointed at `endpoint`.
 */
export interface FaultyCollector {
  readonly endpoint: string;
  /** Export calls (or, for the black hole, TCP connections) it received. */
  readonly received: number;
  close(): Promise<void>;
}

/** A port nothing listens on: bound, then released, so a connect is refused. */
export async function refusingCollector(): Promise<FaultyCollector> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { endpoint: `http://127.0.0.1:${port}`, received: 0, close: async () => {} };
}

/** Accepts TCP connections and reads what arrives, but never writes a byte (no HTTP/2 settings). */
export async function blackHoleCollector(): Promise<FaultyCollector> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get received() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}


/** A real gRPC server whose trace Export always fails with `code` (UNAVAILABLE is retried by the exporter, INTERNAL is not). */
export async function failingCollector(code: status): Promise<FaultyCollector> {
  let calls = 0;
  const server = new Server();
  server.addService(
    RAW_TRACE_EXPORT_SERVICE,
    {
      Export: (_call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) => {
        calls += 1;
        callback({ code, details: `fault suite: collector answers ${status[code]}` });
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get received() {
      return calls;
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
