import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

import { answerJaegerApi, type ApiAnswer } from '../jaeger/jaeger-api.js';
import type { TraceStore } from '../store/trace-store.js';
import { LiveEvents } from './live-events.js';
import { answerViewerApi, VIEWER_API_PREFIX } from './viewer-api.js';

export interface UiServerOptions {
  host: string;
  port: number;
  store: TraceStore;
  /** Folder with the bundled UI (index.html, app.js, app.css). */
  assetsDir: string;
}

export interface UiServer {
  port: number;
  close(): Promise<void>;
}

const ASSET_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Span text is rendered as text by the UI; this policy is the second fence: no inline script,
 * no script or style from anywhere but this server, no framing.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const LOOPBACK_HOST_HEADER = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function sendJson(response: http.ServerResponse, { status, body }: ApiAnswer): void {
  const bytes = Buffer.from(JSON.stringify(body));
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'content-length': bytes.length, 'cache-control': 'no-store' });
  response.end(bytes);
}

/** The web UI and both JSON APIs (the UI's own and Jaeger's), on one port. */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const live = new LiveEvents(options.store);
  const assetsDir = path.resolve(options.assetsDir);
  const loopbackOnly = isLoopback(options.host);

  const serveAsset = async (pathname: string, response: http.ServerResponse) => {
    const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
    const file = path.resolve(assetsDir, relative);
    const type = ASSET_TYPES[path.extname(file)];
    if (!file.startsWith(assetsDir + path.sep) || !type) {
      response.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      const missingUi = relative === 'index.html';
      response
        .writeHead(missingUi ? 503 : 404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' })
        .end(missingUi ? `the web UI is not built (no ${file}); run npm run build` : 'not found');
      return;
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': bytes.length, 'cache-control': 'no-cache' });
    response.end(bytes);
  };

  const server = http.createServer((request, response) => {
    // DNS rebinding: a page on another origin that resolves its name to 127.0.0.1 must not read traces.
    if (loopbackOnly && !LOOPBACK_HOST_HEADER.test(request.headers.host ?? '')) {
      response.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden host');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://viewer');
    if (url.pathname === `${VIEWER_API_PREFIX}events`) {
      live.attach(request, response);
      return;
    }
    const api = answerViewerApi(options.store, url.pathname, url.searchParams) ?? answerJaegerApi(options.store, url.pathname, url.searchParams);
    if (api) {
      sendJson(response, api);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      sendJson(response, { status: 404, body: { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: `404 page not found` }] } });
      return;
    }
    serveAsset(url.pathname, response).catch(() => response.destroy());
  });
  server.requestTimeout = 30_000;

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`cannot serve the UI on ${options.host}:${options.port}: ${error.message}`, { cause: error })));
    server.listen(options.port, options.host, () => resolve((server.address() as { port: number }).port));
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        live.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
