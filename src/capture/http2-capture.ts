import { http2HeaderReader } from './request-header-readers.js';
import { syncBuiltinESMExports } from 'node:module';
import type { ClientHttp2Session, ClientHttp2Stream, IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http2';
import { context, propagation } from '@opentelemetry/api';
import type { HttpRequestInfo } from '../providers/types.js';
import { guarded } from '../diagnostics/report-once.js';
import { ChannelSubscriptions } from './channel-subscriptions.js';
import { nodeHeadersToRecord } from './raw-headers.js';
import { readRequestBody } from './request-body.js';
import { whenBuiltinLoaded } from './when-builtin-loaded.js';
import { replaceGlobal } from './replace-global.js';
import type { RequestStarter } from './request-starter.js';
import { abortedError, observeBodyPush, onFirstBodyWrite } from './stream-hooks.js';
import type { TrackedRequest } from './tracked-request.js';

/**
 * node:http2 client capture. The AWS SDK v3 sends every Bedrock Runtime call over HTTP/2
 * (`@smithy/node-http-handler`'s NodeHttp2Handler is the client's default request handler).
 *
 * Node publishes, per client stream (doc/api/diagnostics_channel.md, "HTTP/2"):
 * - `http2.client.stream.created` `{ stream, headers }` from inside `session.request()`;
 * - `http2.client.stream.finish` `{ stream, headers, flags }` when the response headers arrive,
 *   synchronously, before any DATA of that response is pushed and before the app's 'response';
 * - `http2.client.stream.error` `{ stream, error }` and `http2.client.stream.close` `{ stream }`.
 *
 * `traceparent` cannot be added at `created`: `session.request()` has already serialised the
 * header block (a pending request on a still-connecting session keeps that serialised copy too).
 * So `http2.connect` is wrapped, and each session it returns gets an instance-level `request`
 * that adds `traceparent` to a copy of the headers before calling the original. The span must
 * exist by then, before any body byte is written: it starts from the URL (Bedrock's model is in
 * the path) and the body's facts follow on its first write (TrackedRequest.onLateRequestBody).
 *
 * Streams of sessions opened before we were enabled are still recognised at `created`, without
 * `traceparent`. Response bytes are observed through the stream's own `push` (the read path hands
 * every DATA chunk to it, whether or how the app reads) and never changed.
 */

const CHANNELS = {
  created: 'http2.client.stream.created',
  finish: 'http2.client.stream.finish',
  error: 'http2.client.stream.error',
  close: 'http2.client.stream.close',
} as const;

/**
 * The client stream channels arrived in Node 24.2 and were backported to 22.17 (Node 23, end of
 * life, is left out). Without them the response side could not be observed, so older versions get
 * no HTTP/2 capture at all rather than spans that never end.
 */
function nodeHasHttp2ClientChannels(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major === 22) return minor >= 17;
  if (major === 24) return minor >= 2;
  return major >= 25;
}

type RequestHeaders = OutgoingHttpHeaders | readonly string[] | undefined;
type SessionRequest = ClientHttp2Session['request'];
type Http2Module = typeof import('node:http2');
type Connect = Http2Module['connect'];

/** A header value from either header form `session.request` accepts (object, or flat name/value list). */
function headerValue(headers: RequestHeaders, name: string): string | undefined {
  if (!headers) return undefined;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) if (String(headers[i]).toLowerCase() === name) return String(headers[i + 1]);
    return undefined;
  }
  const value = (headers as OutgoingHttpHeaders)[name];
  return value === undefined ? undefined : Array.isArray(value) ? value.join(', ') : String(value);
}

/** The request URL from the pseudo-headers, with the session's origin for what they leave out. */
function requestInfo(headers: RequestHeaders, origin: URL | undefined): HttpRequestInfo | undefined {
  const scheme = headerValue(headers, ':scheme') ?? origin?.protocol.slice(0, -1);
  const authority = headerValue(headers, ':authority') ?? headerValue(headers, 'host') ?? origin?.host;
  if (!scheme || !authority) return undefined;
  const url = URL.parse(headerValue(headers, ':path') ?? '/', `${scheme}://${authority}`);
  if (!url) return undefined;
  return { method: (headerValue(headers, ':method') ?? 'GET').toUpperCase(), url, header: http2HeaderReader(headers) };
}

/** A copy of the app's headers with ours added; symbol-keyed markers (sensitive headers) kept. */
function withHeaders(headers: RequestHeaders, added: Record<string, string>): RequestHeaders {
  if (Array.isArray(headers)) {
    const copy: string[] = [...headers];
    for (const [name, value] of Object.entries(added)) copy.push(name, value);
    for (const symbol of Object.getOwnPropertySymbols(headers)) {
      (copy as unknown as Record<symbol, unknown>)[symbol] = (headers as unknown as Record<symbol, unknown>)[symbol];
    }
    return copy;
  }
  return { ...(headers as OutgoingHttpHeaders | undefined), ...added };
}

function originOf(authority: unknown): URL | undefined {
  return authority instanceof URL ? authority : (URL.parse(String(authority)) ?? undefined);
}

/** Response headers without the `:status` pseudo-header, as the parsers expect them. */
function responseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const record = nodeHeadersToRecord(headers as Record<string, string | string[] | undefined>);
  for (const name of Object.keys(record)) if (name.startsWith(':')) delete record[name];
  return record;
}

export class Http2Capture {
  private readonly tracked = new WeakMap<ClientHttp2Stream, TrackedRequest>();
  private readonly subscriptions = new ChannelSubscriptions();
  /** True while our `session.request` wrapper runs: the stream `created` announces was seen there. */
  private inWrappedRequest = false;
  private active = false;
  private restoreConnect?: () => void;
  private stopWaitingForHttp2?: () => void;

  constructor(private readonly starter: RequestStarter) {}

  enable(): void {
    if (this.active || !nodeHasHttp2ClientChannels()) return;
    this.active = true;
    this.subscribe(CHANNELS.created, (m) => {
      const { stream, headers } = m as { stream: ClientHttp2Stream; headers: OutgoingHttpHeaders | undefined };
      this.onStreamCreated(stream, headers);
    });
    this.subscribe(CHANNELS.finish, (m) => {
      const { stream, headers } = m as { stream: ClientHttp2Stream; headers: IncomingHttpHeaders };
      this.onResponseHeaders(stream, headers);
    });
    this.subscribe(CHANNELS.error, (m) => {
      const { stream, error } = m as { stream: ClientHttp2Stream; error: unknown };
      this.tracked.get(stream)?.onError(error);
    });
    this.subscribe(CHANNELS.close, (m) => this.onStreamClose((m as { stream: ClientHttp2Stream }).stream));
    // Wrapped when the app first loads it: importing it here would be a quarter of register's start-up.
    this.stopWaitingForHttp2 = whenBuiltinLoaded<Http2Module>('http2', (http2) => {
      if (this.active) guarded('wrapping http2.connect', () => this.wrapConnect(http2));
    });
  }

  disable(): void {
    this.active = false;
    this.subscriptions.unsubscribeAll();
    this.stopWaitingForHttp2?.();
    this.stopWaitingForHttp2 = undefined;
    this.restoreConnect?.();
    this.restoreConnect = undefined;
  }

  private subscribe(name: string, handler: (message: unknown) => void): void {
    this.subscriptions.subscribe(name, handler);
  }

  private wrapConnect(http2: Http2Module): void {
    const capture = this;
    const original = http2.connect;
    const connect = function connect(this: unknown, ...args: unknown[]) {
      const session = (original as (...a: unknown[]) => ClientHttp2Session).apply(this, args);
      guarded('observing an http2 session', () => capture.wrapSessionRequest(session, originOf(args[0])));
      return session;
    } as Connect;
    // `import { connect } from 'node:http2'` reads a snapshot of the exports; refresh it.
    this.restoreConnect = replaceGlobal(http2, 'connect', connect, syncBuiltinESMExports);
  }

  private wrapSessionRequest(session: ClientHttp2Session, origin: URL | undefined): void {
    const capture = this;
    const originalRequest = session.request;
    session.request = function request(this: ClientHttp2Session, headers?: RequestHeaders, ...rest: unknown[]) {
      const call = (h: RequestHeaders) => (originalRequest as (...a: unknown[]) => ClientHttp2Stream).call(this, h, ...rest);
      if (!capture.active) return call(headers);
      const started = guarded('starting an http2 span', () => capture.startForRequest(headers, origin));
      let stream: ClientHttp2Stream;
      capture.inWrappedRequest = true;
      try {
        stream = call(started ? started.headers : headers);
      } catch (error) {
        started?.tracked.onError(error);
        throw error;
      } finally {
        capture.inWrappedRequest = false;
      }
      if (started) guarded('observing an http2 stream', () => capture.track(stream, started.tracked));
      return stream;
    } as SessionRequest;
  }

  /** Starts the span of a recognised request and returns the headers to send in its place. */
  private startForRequest(headers: RequestHeaders, origin: URL | undefined): { tracked: TrackedRequest; headers: RequestHeaders } | undefined {
    const tracked = this.startTracked(requestInfo(headers, origin));
    if (!tracked) return undefined;
    const added: Record<string, string> = {};
    propagation.inject(tracked.context, added);
    return { tracked, headers: withHeaders(headers, added) };
  }

  /**
   * Only LLM calls are traced over HTTP/2, even with `trace_non_llm_requests` (that loads the undici
   * and node:http instrumentations only): HTTP/2 also carries gRPC, our own OTLP exporter's too.
   */
  private startTracked(info: HttpRequestInfo | undefined): TrackedRequest | undefined {
    if (!info) return undefined;
    // No body yet: HTTP/2 sends the headers first. The facts of the URL start the span.
    return this.starter.begin(info, this.starter.match(info), undefined, context.active());
  }

  private track(stream: ClientHttp2Stream, tracked: TrackedRequest): void {
    this.tracked.set(stream, tracked);
    onFirstBodyWrite(stream, 'reading an http2 request body', (chunk) => tracked.onLateRequestBody(readRequestBody(chunk)));
  }

  /** A stream of a session we did not wrap: traced, but its headers are already sealed. */
  private onStreamCreated(stream: ClientHttp2Stream, headers: OutgoingHttpHeaders | undefined): void {
    if (this.inWrappedRequest || this.tracked.has(stream)) return;
    const tracked = this.startTracked(requestInfo(headers, undefined));
    if (tracked) this.track(stream, tracked);
  }

  private onResponseHeaders(stream: ClientHttp2Stream, headers: IncomingHttpHeaders): void {
    const tracked = this.tracked.get(stream);
    if (!tracked) return;
    tracked.onResponseStart(Number(headers[':status'] ?? 0), responseHeaders(headers));
    // A destroyed stream pushes null too (on abort or error); that is not the body's end,
    // and the error or close that follows reports it.
    observeBodyPush(stream, tracked, 'observing an http2 body chunk', true);
  }

  /**
   * `close` is published before the end-of-body push of a normal close and before the `error`
   * of a failed one (both in the same synchronous call). Deciding on a microtask lets those come
   * first; what is still open then was cut short without an error (RST_STREAM CANCEL, destroy()).
   */
  private onStreamClose(stream: ClientHttp2Stream): void {
    const tracked = this.tracked.get(stream);
    if (!tracked || tracked.isEnded) return;
    queueMicrotask(() =>
      guarded('observing an http2 stream close', () => {
        if (!tracked.isEnded) tracked.onError(abortedError('http2 stream closed before its response ended'));
      }),
    );
  }
}
