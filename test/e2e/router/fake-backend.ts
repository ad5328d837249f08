/**
 * Local stand-ins for the router's backends, bound to 127.0.0.1 and bounded in time: an
 * OpenAI-compatible chat server (plain and streamed answers, a fixed byte sequence for streams),
 * one that fails with 500, one whose stream stalls (to see the router cancel it), and an
 * embeddings server whose vectors are bags of words (similar wording -> similar vectors).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = 'ok' | 'status500' | 'stalling-stream' | 'embeddings';

/** The fields of an OpenAI-compatible request body the backend and the tests read. */
export interface RequestBody {
  model?: string;
  stream?: boolean;
  input?: string | string[];
  messages?: Array<{ role: string; content: unknown }>;
  chat_template_kwargs?: unknown;
}

export interface RecordedRequest {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: RequestBody | undefined;
  /** sha256 of the response body bytes this backend wrote. */
  sentSha256?: string;
  /** The connection closed before the response was complete. */
  closedEarly: boolean;
}

export interface FakeBackend {
  readonly name: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The longest a stalling stream waits before it ends on its own, so a test can never hang on it. */
const STALL_LIMIT_MS = 10_000;
const DIMENSIONS = 256;

export function streamEvents(name: string, model: string): string[] {
  const base = { id: `chatcmpl-${name}`, object: 'chat.completion.chunk', created: 1_700_000_000, model };
  const event = (choices: unknown[], extra: object = {}) => `data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`;
  const words = ['Streamed', ' answer', ' from', ` ${name}`, ' — ünïcödé ✓'];
  return [
    event([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    ...words.map((word) => event([{ index: 0, delta: { content: word }, finish_reason: null }])),
    event([{ index: 0, delta: {}, finish_reason: 'stop' }]),
    event([], { usage: { prompt_tokens: 11, completion_tokens: words.length, total_tokens: 11 + words.length } }),
    'data: [DONE]\n\n',
  ];
}

/** A bag-of-words vector: each lower-cased word adds 1 at a hashed position. */
function bagOfWords(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const index = createHash('sha256').update(word).digest().readUInt32BE(0) % DIMENSIONS;
    vector[index] += 1;
  }
  return vector;
}

export async function startFakeBackend(name: string, behaviour: Behaviour): Promise<FakeBackend> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: RequestBody | undefined;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const record: RecordedRequest = { path: req.url ?? '', headers: req.headers, body, closedEarly: false };
      requests.push(record);
      res.on('close', () => (record.closedEarly = !res.writableFinished));
      answer(name, behaviour, body, res, record);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name,
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(name: string, behaviour: Behaviour, body: RequestBody | undefined, res: http.ServerResponse, record: RecordedRequest): void {
  const send = (status: number, value: unknown) => {
    const text = JSON.stringify(value);
    record.sentSha256 = createHash('sha256').update(text).digest('hex');
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(text);
  };
  if (behaviour === 'embeddings') {
    const inputs: string[] = Array.isArray(body?.input) ? body.input : [body?.input ?? ''];
    send(200, {
      object: 'list', model: body?.model,
      data: inputs.map((input, index) => ({ object: 'embedding', index, embedding: bagOfWords(String(input)) })),
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    });
    return;
  }
  if (behaviour === 'status500') {
    send(500, { error: { message: `${name} is broken`, type: 'server_error', param: null, code: null } });
    return;
  }
  const model = body?.model ?? 'unknown';
  if (!body?.stream) {
    send(200, {
      id: `chatcmpl-${name}`, object: 'chat.completion', created: 1_700_000_000, model,
      choices: [{ index: 0, message: { role: 'assistant', content: `Answer from ${name}` }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const events = streamEvents(name, model);
  if (behaviour === 'stalling-stream') {
    res.write(events[0]!);
    res.write(events[1]!);
    const timer = setTimeout(() => res.end(), STALL_LIMIT_MS);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  // One event per write, 20 ms apart, so the relay is seen to pass chunks on as they come.
  const hash = createHash('sha256');
  let i = 0;
  const next = () => {
    if (res.destroyed) return;
    if (i === events.length) {
      record.sentSha256 = hash.digest('hex');
      res.end();
      return;
    }
    hash.update(events[i]!);
    res.write(events[i]!);
    i += 1;
    setTimeout(next, 20);
  };
  next();
}

/** A port nothing listens on: bound once, then closed. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
