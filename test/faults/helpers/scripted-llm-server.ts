import http from 'node:http';

/**
 * An OpenAI-compatible chat server on 127.0.0.1 whose timing and bodies the test chooses, for
 * aborts and hostile bodies. The first path segment after `/v1/` names a behaviour; the rest is
 * the API path the client called (`/v1/<behaviour>/chat/completions`). Every response says
 * `connection: close`, so after a call no socket stays open on either side and the app's list of
 * active resources shows only what was left behind.
 */
export type ScriptedBehaviour = (res: http.ServerResponse) => void;

export interface ScriptedRequest {
  behaviour: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface ScriptedServer {
  readonly port: number;
  /** An OpenAI client's `baseURL` for one behaviour. */
  baseUrl(behaviour: string): string;
  readonly received: ScriptedRequest[];
  close(): Promise<void>;
}

const ROUTE = /^\/v1\/([^/]+)(\/.*)$/;

export async function startScriptedLlmServer(
  behaviours: Readonly<Record<string, ScriptedBehaviour>>,
  options: { maxRequests?: number } = {},
): Promise<ScriptedServer> {
  const received: ScriptedRequest[] = [];
  const maxRequests = options.maxRequests ?? 1000;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const route = ROUTE.exec(req.url ?? '');
      const behaviour = route ? behaviours[route[1]!] : undefined;
      res.shouldKeepAlive = false;
      if (!route || !behaviour || received.length >= maxRequests) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"type":"not_found"}}');
        return;
      }
      received.push({ behaviour: route[1]!, url: route[2]!, headers: req.headers });
      behaviour(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    baseUrl: (behaviour) => `http://127.0.0.1:${port}/v1/${behaviour}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One OpenAI `chat.completion.chunk` as an SSE event. */
export function chatChunk(content: string, finishReason: string | null = null, extra: object = {}): string {
  const chunk = {
    id: 'chatcmpl-fault-suite', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'fault-model',
    choices: [{ index: 0, delta: { content }, finish_reason: finishReason }], ...extra,
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** Sends headers only after `ms` (an app aborting before headers never sees them). */
export function headersAfter(ms: number, then: ScriptedBehaviour): ScriptedBehaviour {
  return (res) => {
    const timer = setTimeout(() => then(res), ms);
    res.on('close', () => clearTimeout(timer));
  };
}

/**
 * A streamed chat answer: the first chunk at once, then one every `everyMs` until `chunks` were
 * sent; stops when the client goes away.
 */
export function slowChatStream(chunks: number, everyMs: number): ScriptedBehaviour {
  return (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let sent = 0;
    const send = () => {
      if (res.destroyed) return;
      sent += 1;
      if (sent < chunks) {
        res.write(chatChunk(`word${sent} `));
        timer = setTimeout(send, everyMs);
      } else {
        res.end(chatChunk('', 'stop', { usage: { prompt_tokens: 3, completion_tokens: chunks - 1, total_tokens: chunks + 2 } }) + 'data: [DONE]\n\n');
      }
    };
    let timer = setTimeout(send, 0);
    res.on('close', () => clearTimeout(timer));
  };
}

/** A complete response with the given status, headers and body, in one write. */
export function fixedResponse(status: number, headers: Record<string, string>, body: string | Uint8Array): ScriptedBehaviour {
  return (res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/**
 * A streamed chat answer of about `totalBytes`, generated while it is sent (never held whole):
 * the same ~1 KiB chunk over and over, written as fast as the client reads (backpressure), then
 * a finish chunk with usage. Stops when the client goes away.
 */
export function hugeChatStream(totalBytes: number): ScriptedBehaviour {
  const chunk = Buffer.from(chatChunk('many words '.repeat(90)));
  const chunks = Math.ceil(totalBytes / chunk.length);
  return (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let sent = 0;
    const pump = () => {
      while (sent < chunks && !res.destroyed) {
        sent += 1;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) {
        res.end(chatChunk('', 'stop', { usage: { prompt_tokens: 2, completion_tokens: chunks, total_tokens: chunks + 2 } }) + 'data: [DONE]\n\n');
      }
    };
    pump();
  };
}

/** Bytes of one `hugeChatStream` chunk, so a test can state the body size exactly. */
export const HUGE_STREAM_CHUNK_BYTES = Buffer.byteLength(chatChunk('many words '.repeat(90)));
