import http from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * A local OpenAI-compatible server for the demo, the examples and the benchmark: chat completions
 * (plain and streamed), legacy completions, embeddings and the Responses API, with well-formed
 * bodies and usage. It answers deterministically so traces can be checked; it is not a model.
 *
 * Streamed chat sends one chunk per word of the reply; `max_tokens` (or `max_completion_tokens`)
 * sets the reply's length in words, which the benchmark uses to get 100-chunk streams.
 */

export interface MockLlmServer {
  readonly port: number;
  readonly url: string;
  /** Requests served so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export interface MockLlmServerOptions {
  host?: string;
  port?: number;
  /** Stop answering after this many requests (bounds tests and benchmarks). */
  maxRequests?: number;
  /** Sees each request's headers and body (tests read the `traceparent` the server got). */
  onRequest?: (headers: http.IncomingHttpHeaders, body: string) => void;
  /**
   * How long an idle keep-alive connection stays open (default 5 s). The instruction-count
   * benchmark raises it: its client runs under valgrind, ~50x slower, and every reconnect would
   * be counted as the client's work.
   */
  keepAliveMs?: number;
  /**
   * End every streamed chat chunk with an `obfuscation` value, different in each, as OpenAI does
   * unless `stream_options.include_obfuscation` is false (padding against length side channels).
   * Off by default; the benchmark turns it on with BENCH_MOCK_OBFUSCATION=1 to measure a stream's
   * per-chunk cost on chunks shaped like OpenAI's.
   */
  obfuscation?: boolean;
}

interface ChatBody {
  model?: string;
  messages?: Array<{ role?: string; content?: unknown }>;
  prompt?: unknown;
  input?: unknown;
  stream?: boolean;
  stream_options?: { include_usage?: boolean; include_obfuscation?: boolean };
  max_tokens?: number;
  max_completion_tokens?: number;
  max_output_tokens?: number;
}

const DEFAULT_REPLY_WORDS = 12;
const VOCABULARY = ['the', 'trace', 'shows', 'each', 'call', 'with', 'its', 'model', 'tokens', 'and', 'timing', 'here'];

function id(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex')}`;
}

function wordsIn(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.max(1, text.split(/\s+/).filter(Boolean).length);
}

function promptWords(body: ChatBody): number {
  if (Array.isArray(body.messages)) return body.messages.reduce((n, m) => n + wordsIn(m.content), 0);
  return wordsIn(body.prompt ?? body.input);
}

function replyWords(body: ChatBody): string[] {
  const count = body.max_tokens ?? body.max_completion_tokens ?? body.max_output_tokens ?? DEFAULT_REPLY_WORDS;
  return Array.from({ length: Math.max(1, Math.min(count, 4096)) }, (_, i) => VOCABULARY[i % VOCABULARY.length]!);
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A chunk's obfuscation value: 1-12 letters and digits, different from chunk to chunk, deterministic. */
function obfuscationValue(index: number): string {
  return (Math.imul(index + 1, 2654435761) >>> 0).toString(36).padEnd(12, 'x').slice(0, 1 + (index % 12));
}

function chat(body: ChatBody, res: http.ServerResponse, options: MockLlmServerOptions): void {
  const model = body.model ?? 'mock-model';
  const words = replyWords(body);
  const usage = { prompt_tokens: promptWords(body), completion_tokens: words.length, total_tokens: promptWords(body) + words.length };
  const responseId = id('chatcmpl');
  const created = Math.floor(Date.now() / 1000);
  if (!body.stream) {
    json(res, 200, {
      id: responseId, object: 'chat.completion', created, model,
      choices: [{ index: 0, message: { role: 'assistant', content: words.join(' ') }, finish_reason: 'stop' }],
      usage,
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const obfuscated = options.obfuscation === true && body.stream_options?.include_obfuscation !== false;
  let chunks = 0;
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ id: responseId, object: 'chat.completion.chunk', created, model, choices, ...extra, ...(obfuscated && { obfuscation: obfuscationValue(chunks++) }) })}\n\n`;
  let out = chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
  words.forEach((word, i) => {
    out += chunk([{ index: 0, delta: { content: (i === 0 ? '' : ' ') + word }, finish_reason: null }]);
  });
  out += chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]);
  if (body.stream_options?.include_usage) out += chunk([], { usage });
  out += 'data: [DONE]\n\n';
  res.end(out);
}

function completion(body: ChatBody, res: http.ServerResponse): void {
  const words = replyWords(body);
  json(res, 200, {
    id: id('cmpl'), object: 'text_completion', created: Math.floor(Date.now() / 1000), model: body.model ?? 'mock-model',
    choices: [{ index: 0, text: words.join(' '), finish_reason: 'stop' }],
    usage: { prompt_tokens: promptWords(body), completion_tokens: words.length, total_tokens: promptWords(body) + words.length },
  });
}

function embeddings(body: ChatBody, res: http.ServerResponse): void {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const tokens = inputs.reduce((n: number, input) => n + wordsIn(input), 0);
  json(res, 200, {
    object: 'list', model: body.model ?? 'mock-embedding',
    data: inputs.map((_, index) => ({ object: 'embedding', index, embedding: Array.from({ length: 8 }, (_, i) => (index + i) / 10) })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

function responses(body: ChatBody, res: http.ServerResponse): void {
  const words = replyWords(body);
  const input = wordsIn(body.input);
  json(res, 200, {
    id: id('resp'), object: 'response', created_at: Math.floor(Date.now() / 1000), status: 'completed', model: body.model ?? 'mock-model',
    output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: words.join(' ') }] }],
    usage: { input_tokens: input, output_tokens: words.length, total_tokens: input + words.length },
  });
}

const ROUTES: ReadonlyArray<readonly [string, (body: ChatBody, res: http.ServerResponse, options: MockLlmServerOptions) => void]> = [
  ['/chat/completions', chat],
  ['/completions', completion],
  ['/embeddings', embeddings],
  ['/responses', responses],
];

export async function startMockLlmServer(options: MockLlmServerOptions = {}): Promise<MockLlmServer> {
  let served = 0;
  const maxRequests = options.maxRequests ?? Number.POSITIVE_INFINITY;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      served += 1;
      options.onRequest?.(req.headers, Buffer.concat(chunks).toString('utf8'));
      const path = (req.url ?? '').split('?', 1)[0]!;
      const route = ROUTES.find(([end]) => path.endsWith(end));
      if (req.method !== 'POST' || !route || served > maxRequests) {
        json(res, 404, { error: { type: 'not_found', message: `no mock route for ${req.method} ${path}` } });
        return;
      }
      let body: ChatBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ChatBody;
      } catch {
        json(res, 400, { error: { type: 'invalid_request_error', message: 'body is not JSON' } });
        return;
      }
      route[1](body, res, options);
    });
  });
  server.keepAliveTimeout = options.keepAliveMs ?? 5_000;
  // A request's headers must be allowed as long as the connection may idle before it.
  server.headersTimeout = Math.max(server.headersTimeout, server.keepAliveTimeout + 1_000);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://${host}:${port}/v1`,
    get requests() {
      return served;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
