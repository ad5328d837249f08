/**
 * A local OTLP/HTTP endpoint for tests that must see the request itself: it records each POST's
 * path and headers and decodes trace bodies (protobuf or JSON, as the content type says), at any
 * path, so a test can check where an exporter sent and what it said (e.g. a Langfuse-style
 * `/api/public/otel/v1/traces` with its Authorization header). Answers 200 with an empty response.
 */
import http from 'node:http';
import { decodeTraceExport, decodeTraceExportJson } from '../../src/viewer/decode-trace-export.js';
import type { ReceivedSpan } from '../../src/viewer/received-telemetry.js';

export interface CapturedRequest {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** Spans of a trace export body; empty for other signals or bodies that did not decode. */
  readonly spans: ReceivedSpan[];
}

export interface OtlpHttpCapture {
  readonly url: string;
  readonly requests: CapturedRequest[];
  close(): Promise<void>;
}

function decodeSpans(path: string, contentType: string, body: Buffer): ReceivedSpan[] {
  if (!path.endsWith('/v1/traces')) return [];
  try {
    return contentType.startsWith('application/json') ? decodeTraceExportJson(body.toString('utf8')) : decodeTraceExport(body);
  } catch {
    return [];
  }
}

export async function startOtlpHttpCapture(): Promise<OtlpHttpCapture> {
  const requests: CapturedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0]!;
      requests.push({ path, headers: req.headers, body, spans: decodeSpans(path, String(req.headers['content-type'] ?? ''), body) });
      const json = String(req.headers['content-type'] ?? '').startsWith('application/json');
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      res.end(json ? '{}' : '');
    });
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
