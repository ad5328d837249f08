import { clientRequestHeaderReader } from './request-header-readers.js';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { context, propagation, type Context } from '@opentelemetry/api';
import type { ApiMatch, HttpRequestInfo } from '../providers/types.js';
import { guarded } from '../diagnostics/report-once.js';
import { ChannelSubscriptions } from './channel-subscriptions.js';
import { nodeHeadersToRecord } from './raw-headers.js';
import type { RequestStarter } from './request-starter.js';
import { abortedError, observeBodyPush, onFirstBodyWrite } from './stream-hooks.js';
import type { TrackedRequest } from './tracked-request.js';

/**
 * node:http / node:https capture, for SDKs built on them (older openai majors via node-fetch,
 * the AWS SDK, axios-based clients).
 *
 * Node publishes `http.client.request.created` when a ClientRequest is built (before the app can
 * write its body; `http.client.request.start` comes only once headers are on the wire, too late)
 * and `http.client.response.finish` when its response headers are parsed, before the app sees
 * the response. We hook single instances, never the module:
 * - the request's first `write`/`end` carries the JSON body; the span starts there (so the model is
 *   on it) and `traceparent` is set while headers are still unsent;
 * - the response's `push` is where the parser hands over each body chunk: observing it sees every
 *   byte whether or not (and however) the app reads, without switching the stream's mode;
 * - `emit` is observed for `error`/`close`, without adding listeners (an `error` listener of ours
 *   would change whether an unhandled error crashes the app).
 */

const CHANNELS = {
  requestCreated: 'http.client.request.created',
  responseFinish: 'http.client.response.finish',
} as const;

type Emit = (event: string | symbol, ...args: unknown[]) => boolean;

function requestUrl(request: ClientRequest): URL | undefined {
  const host = request.getHeader('host') ?? request.host;
  if (typeof host !== 'string' || !host) return undefined;
  return URL.parse(request.path, `${request.protocol}//${host}`) ?? undefined;
}

function chunkToString(chunk: unknown, encoding: unknown): string | undefined {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof Uint8Array) {
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  }
  return undefined;
}

export class HttpCapture {
  private readonly tracked = new WeakMap<ClientRequest, TrackedRequest>();
  private readonly subscriptions = new ChannelSubscriptions();

  constructor(private readonly starter: RequestStarter) {}

  enable(): void {
    if (!this.subscriptions.isEmpty) return;
    this.subscribe(CHANNELS.requestCreated, (m) => this.onRequestCreated((m as { request: ClientRequest }).request));
    this.subscribe(CHANNELS.responseFinish, (m) => {
      const { request, response } = m as { request: ClientRequest; response: IncomingMessage };
      this.onResponse(request, response);
    });
  }

  disable(): void {
    this.subscriptions.unsubscribeAll();
  }

  private subscribe(name: string, handler: (message: unknown) => void): void {
    this.subscriptions.subscribe(name, handler);
  }

  private onRequestCreated(request: ClientRequest): void {
    const url = requestUrl(request);
    if (!url) return;
    const info: HttpRequestInfo = { method: request.method.toUpperCase(), url, header: clientRequestHeaderReader(request) };
    const match = this.starter.match(info);
    const parent = context.active();
    if (!match) return;
    this.deferStartToFirstBodyWrite(request, match, info, parent);
  }

  /** The JSON body arrives with the first write/end; start the span there, before headers flush. */
  private deferStartToFirstBodyWrite(request: ClientRequest, match: ApiMatch, info: HttpRequestInfo, parent: Context): void {
    onFirstBodyWrite(request, 'starting an http span', (chunk, encoding) => {
      const exchange = this.starter.begin(info, match, chunkToString(chunk, encoding), parent);
      if (exchange) this.track(request, exchange);
    });
  }

  private track(request: ClientRequest, tracked: TrackedRequest): void {
    this.tracked.set(request, tracked);
    if (!request.headersSent) {
      propagation.inject(tracked.context, request, {
        set(carrier, key, value) {
          carrier.setHeader(key, value);
        },
      });
    }
    const originalEmit = request.emit as Emit;
    request.emit = function emit(this: ClientRequest, event: string | symbol, ...args: unknown[]) {
      if (event === 'error') guarded('observing an http request error', () => tracked.onError(args[0]));
      else if (event === 'upgrade' || event === 'connect') {
        // 101 Switching Protocols, or a CONNECT tunnel: the response is complete at its headers
        // and the socket now belongs to the app. Node emits no 'response' for these.
        guarded('observing an http upgrade', () => {
          const response = args[0] as IncomingMessage;
          responseSeen.add(request);
          tracked.onResponseStart(response.statusCode ?? 0, nodeHeadersToRecord(response.headers));
          tracked.onEnd();
        });
      } else if (event === 'close') {
        // A request closed before its response was read to the end: aborted or destroyed.
        guarded('observing an http request close', () => {
          if (!tracked.isEnded && !responseSeen.has(request)) tracked.onError(abortedError('request closed before a response'));
        });
      }
      return originalEmit.call(this, event, ...args);
    } as ClientRequest['emit'];
  }

  private onResponse(request: ClientRequest, response: IncomingMessage): void {
    const tracked = this.tracked.get(request);
    if (!tracked) return;
    responseSeen.add(request);
    tracked.onResponseStart(response.statusCode ?? 0, nodeHeadersToRecord(response.headers));
    observeBodyPush(response, tracked, 'observing an http body chunk');
    const originalEmit = response.emit as Emit;
    response.emit = function emit(this: IncomingMessage, event: string | symbol, ...args: unknown[]) {
      if (event === 'error') guarded('observing an http response error', () => tracked.onError(args[0]));
      else if (event === 'close') {
        guarded('observing an http response close', () => {
          if (!tracked.isEnded) tracked.onError(abortedError('response closed before its end'));
        });
      }
      return originalEmit.call(this, event, ...args);
    } as IncomingMessage['emit'];
  }
}

/** Requests whose response headers arrived (then the response, not the request, reports the end). */
const responseSeen = new WeakSet<ClientRequest>();
