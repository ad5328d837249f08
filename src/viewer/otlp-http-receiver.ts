import http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

import {
  decodeMetricsExport,
  decodeMetricsExportJson,
} from './decode-metrics-export.js';
import { decodeTraceExport, decodeTraceExportJson } from './decode-trace-export.js';
import { DEFAULT_MAX_OTLP_REQUEST_BYTES, notify } from './otlp-receiver.js';
import { RpcStatus } from './otlp-schema.js';
import type { ReceivedMetric, ReceivedSpan } from './received-telemetry.js';

export interface OtlpHttpReceiverOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** 0 picks a free port. Default 4318, the OTLP/HTTP port exporters use out of the box. */
  port?: number;
  /** Largest body accepted, compressed or not, in bytes (default 64 MiB); larger gets 413. */
  maxRequestBytes?: number;
  onSpans?: (spans: ReceivedSpan[]) => void;
  onMetrics?: (metrics: ReceivedMetric[]) => void;
}

export interface OtlpHttpReceiver {
  port: number;
  close(): Promise<void>;
}

/** gRPC status codes used in the google.rpc.Status body of a refusal. */
const RPC_INVALID_ARGUMENT = 3;
const RPC_RESOURCE_EXHAUSTED = 8;
const RPC_UNIMPLEMENTED = 12;

const PROTOBUF = 'application/x-protobuf';
const JSON_TYPE = 'application/json';

type Encoding = 'protobuf' | 'json';

class Refusal extends Error {
  constructor(
    readonly httpStatus: number,
    readonly rpcCode: number,
    message: string,
  ) {
    super(message);
  }
}

interface Signal<T> {
  decodeProtobuf(bytes: Uint8Array): T[];
  decodeJson(text: string): T[];
  deliver(items: T[]): void;
}

function encodingOf(contentType: string | undefined): Encoding | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === PROTOBUF) return 'protobuf';
  if (type === JSON_TYPE) return 'json';
  return undefined;
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

async function readBody(request: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new Refusal(413, RPC_RESOURCE_EXHAUSTED, `request body of ${declared} bytes exceeds the limit of ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxBytes) throw new Refusal(413, RPC_RESOURCE_EXHAUSTED, `request body exceeds the limit of ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const contentEncoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  try {
    // maxOutputLength bounds a decompression bomb to the same limit as a plain body.
    if (contentEncoding === 'gzip') return await gunzip(body, { maxOutputLength: maxBytes });
    if (contentEncoding === 'deflate') return await inflate(body, { maxOutputLength: maxBytes });
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw tooLarge
      ? new Refusal(413, RPC_RESOURCE_EXHAUSTED, `decompressed body exceeds the limit of ${maxBytes} bytes`)
      : new Refusal(400, RPC_INVALID_ARGUMENT, `cannot decompress ${contentEncoding} body: ${String(error)}`);
  }
  if (contentEncoding !== 'identity') {
    throw new Refusal(415, RPC_INVALID_ARGUMENT, `unsupported Content-Encoding '${contentEncoding}' (allowed: gzip, deflate, identity)`);
  }
  return body;
}

function send(response: http.ServerResponse, status: number, encoding: Encoding, body: { code?: number; message?: string }): void {
  const bytes =
    encoding === 'json'
      ? Buffer.from(JSON.stringify(body))
      : Buffer.from(RpcStatus.encode(RpcStatus.fromObject(body)).finish());
  response.writeHead(status, { 'content-type': encoding === 'json' ? JSON_TYPE : PROTOBUF, 'content-length': bytes.length });
  response.end(bytes);
}

/**
 * OTLP/HTTP (spec: opentelemetry-proto docs/specification.md, "OTLP/HTTP"): `POST /v1/traces`
 * and `POST /v1/metrics` with a binary protobuf or JSON body, optionally gzip-compressed.
 * Success is 200 with an empty Export*ServiceResponse in the request's encoding; a malformed
 * body gets 400, an oversized one 413, each with a google.rpc.Status body, and nothing of a
 * refused request is kept.
 */
export async function startOtlpHttpReceiver(options: OtlpHttpReceiverOptions = {}): Promise<OtlpHttpReceiver> {
  const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_OTLP_REQUEST_BYTES;
  const signals: Record<string, Signal<ReceivedSpan> | Signal<ReceivedMetric>> = {
    '/v1/traces': {
      decodeProtobuf: decodeTraceExport,
      decodeJson: decodeTraceExportJson,
      deliver: (spans: ReceivedSpan[]) => notify(options.onSpans, spans),
    },
    '/v1/metrics': {
      decodeProtobuf: decodeMetricsExport,
      decodeJson: decodeMetricsExportJson,
      deliver: (metrics: ReceivedMetric[]) => notify(options.onMetrics, metrics),
    },
  };

  const server = http.createServer(async (request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const signal = Object.hasOwn(signals, path) ? signals[path] : undefined;
    const encoding = encodingOf(request.headers['content-type']);
    try {
      if (!signal) throw new Refusal(404, RPC_UNIMPLEMENTED, `no OTLP endpoint at ${path} (use /v1/traces or /v1/metrics)`);
      if (request.method !== 'POST') throw new Refusal(405, RPC_UNIMPLEMENTED, `${request.method} is not allowed; OTLP/HTTP uses POST`);
      if (!encoding) {
        throw new Refusal(415, RPC_INVALID_ARGUMENT, `unsupported Content-Type '${request.headers['content-type'] ?? ''}' (allowed: ${PROTOBUF}, ${JSON_TYPE})`);
      }
      const body = await readBody(request, maxBytes);
      let items: unknown[];
      try {
        items = encoding === 'json' ? signal.decodeJson(body.toString('utf8')) : signal.decodeProtobuf(body);
      } catch (error) {
        throw new Refusal(400, RPC_INVALID_ARGUMENT, `cannot decode OTLP ${encoding} request: ${error instanceof Error ? error.message : String(error)}`);
      }
      send(response, 200, encoding, {});
      (signal.deliver as (items: unknown[]) => void)(items);
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal(500, 13, String(error));
      // Drain what the client still sends so it reads our answer instead of a reset.
      request.resume();
      if (refusal.httpStatus === 413) response.setHeader('connection', 'close');
      send(response, refusal.httpStatus, encoding ?? 'protobuf', { code: refusal.rpcCode, message: refusal.message });
    }
  });
  server.requestTimeout = 30_000;

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`cannot listen for OTLP/HTTP on ${options.host ?? '127.0.0.1'}:${options.port ?? 4318}: ${error.message}`, { cause: error })));
    server.listen(options.port ?? 4318, options.host ?? '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
