import http from 'node:http';
import http2 from 'node:http2';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { fixtureResponseBytes, loadFixture, type Fixture } from './fixtures.js';

/** A request the replay server received, as the provider would have seen it. */
export interface ReceivedRequest {
  fixture: string;
  method: string;
  /** Path and query after the `/fx/<fixture>` routing prefix. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** sha256 of the response bytes sent (before any compression). */
  responseSha256: string;
}

export interface ReplayServer {
  port: number;
  /** Base URL for one fixture: the SDK's base URL, so every path it adds lands on that fixture. */
  baseUrl(fixture: string): string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export interface ReplayOptions {
  /** gzip JSON responses when the client accepts it, as real providers do. */
  compress?: boolean;
  /** Split streamed bodies into chunks of this many bytes (exercises parsers across chunk edges). */
  chunkBytes?: number;
  /** Bounds the server's life and request count, so a stuck test cannot leave it serving. */
  maxRequests?: number;
  /**
   * Speak HTTP/2 without TLS (h2c, prior knowledge), as the AWS SDK's NodeHttp2Handler does to an
   * `http://` endpoint. The same handler serves both through Node's HTTP/2 compatibility API.
   */
  http2?: boolean;
}

const ROUTE = /^\/fx\/([^/]+)(\/.*)?$/;

function isStreamBody(fixture: Fixture): boolean {
  return typeof fixture.response.body === 'string' || fixture.response.body_encoding === 'base64';
}

/**
 * Serves recorded exchanges on 127.0.0.1. A client is pointed at `baseUrl(name)`; whatever path
 * it then calls gets that fixture's recorded status, content type and body bytes.
 */
export async function startReplayServer(options: ReplayOptions = {}): Promise<ReplayServer> {
  const received: ReceivedRequest[] = [];
  const cache = new Map<string, Fixture>();
  const maxRequests = options.maxRequests ?? 5000;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const route = ROUTE.exec(req.url ?? '');
      if (!route || received.length >= maxRequests) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such fixture route');
        return;
      }
      const name = decodeURIComponent(route[1]!);
      let fixture = cache.get(name);
      if (!fixture) {
        fixture = loadFixture(name);
        cache.set(name, fixture);
      }
      const bytes = fixtureResponseBytes(fixture);
      received.push({
        fixture: name,
        method: req.method ?? '',
        url: route[2] ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        responseSha256: createHash('sha256').update(bytes).digest('hex'),
      });
      const headers: Record<string, string> = { ...fixture.response.headers };
      const stream = isStreamBody(fixture);
      const gzip = options.compress && !stream && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (gzip) headers['content-encoding'] = 'gzip';
      res.writeHead(fixture.response.status, headers);
      if (gzip) {
        res.end(zlib.gzipSync(bytes));
      } else if (stream && options.chunkBytes) {
        writeInChunks(res, bytes, options.chunkBytes);
      } else {
        res.end(bytes);
      }
    });
  };
  const sessions = new Set<http2.ServerHttp2Session>();
  const server = options.http2
    ? http2.createServer(handler as unknown as (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void)
    : http.createServer(handler);
  // HTTP/2 sessions outlive their streams; close() ends them as closeAllConnections() does for HTTP/1.
  server.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    baseUrl: (fixture) => `http://127.0.0.1:${port}/fx/${encodeURIComponent(fixture)}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        if (server instanceof http.Server) server.closeAllConnections();
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}

function writeInChunks(res: http.ServerResponse, bytes: Buffer, size: number): void {
  let offset = 0;
  const next = () => {
    if (offset >= bytes.length) {
      res.end();
      return;
    }
    res.write(bytes.subarray(offset, offset + size));
    offset += size;
    setImmediate(next);
  };
  next();
}
