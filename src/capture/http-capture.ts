import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { context, propagation, type Context } from '@opentelemetry/api';
import type { ApiMatch, HttpRequestInfo } from '../providers/types.js';
import type { CaptureRuntime } from './internal-types.js';
import { LlmExchange } from './llm-exchange.js';
import { PlainHttpSpan } from './plain-http-span.js';
import { nodeHeadersToRecord } from './raw-headers.js';
import { readRequestBody } from './request-body.js';
import { guarded } from '../diagnostics/report-once.js';
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
  try {
    return new URL(request.path, `${request.protocol}//${host}`);
  } catch {
    return undefined;
  }
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
  private readonly subscriptions: Array<[string, (message: unknown) => void]> = [];

  constructor(private readonly runtime: CaptureRuntime) {}

  enable(): void {
    if (this.subscriptions.length > 0) return;
    this.subscribe(CHANNELS.requestCreated, (m) => this.onRequestCreated((m as { request: ClientRequest }).request));
    this.subscribe(CHANNELS.responseFinish, (m) => {
      const { request, response } = m as { request: ClientRequest; response: IncomingMessage };
      this.onResponse(request, response);
    });
  }

  disable(): void {
    for (const [name, handler] of this.subscriptions) diagnosticsChannel.unsubscribe(name, handler);
    this.subscriptions.length = 0;
  }

  private subscribe(name: string, handler: (message: unknown) => void): void {
    const safe = (message: unknown) => guarded(`handling ${name}`, () => handler(message));
    diagnosticsChannel.subscribe(name, safe);
    this.subscriptions.push([name, safe]);
  }

  private onRequestCreated(request: ClientRequest): void {
    const url = requestUrl(request);
    if (!url) return;
    const info: HttpRequestInfo = { method: request.method.toUpperCase(), url, headers: {} };
    const match = this.runtime.registry.match(info);
    const parent = context.active();
    if (!match) {
      if (this.runtime.settings.traceNonLlmRequests) {
        this.track(request, new PlainHttpSpan(this.runtime.tracer(), parent, info.method, url));
      }
      return;
    }
    this.deferStartToFirstBodyWrite(request, match, info, parent);
  }

  /** The JSON body arrives with the first write/end; start the span there, before headers flush. */
  private deferStartToFirstBodyWrite(request: ClientRequest, match: ApiMatch, info: HttpRequestInfo, parent: Context): void {
    const originalWrite = request.write;
    const originalEnd = request.end;
    let started = false;
    const start = (chunk: unknown, encoding: unknown) => {
      if (started) return;
      started = true;
      request.write = originalWrite;
      request.end = originalEnd;
      guarded('starting an http span', () => {
        const text = chunkToString(chunk, encoding);
        const exchange = LlmExchange.start(
          this.runtime.tracer(), match, info, text === undefined ? undefined : readRequestBody(text),
          this.runtime.settings, this.runtime.listeners, parent,
        );
        if (exchange) this.track(request, exchange);
      });
    };
    request.write = function write(this: ClientRequest, chunk: unknown, ...rest: unknown[]) {
      start(chunk, typeof rest[0] === 'string' ? rest[0] : undefined);
      return (originalWrite as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as ClientRequest['write'];
    request.end = function end(this: ClientRequest, chunk?: unknown, ...rest: unknown[]) {
      start(typeof chunk === 'function' ? undefined : chunk, typeof rest[0] === 'string' ? rest[0] : undefined);
      return (originalEnd as (...a: unknown[]) => ClientRequest).call(this, chunk, ...rest);
    } as ClientRequest['end'];
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
      else if (event === 'close') {
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
    const originalPush = response.push;
    response.push = function push(this: IncomingMessage, chunk: unknown, ...rest: unknown[]) {
      guarded('observing an http body chunk', () => {
        if (chunk === null) tracked.onEnd();
        else if (chunk instanceof Uint8Array) tracked.onBodyChunk(chunk);
        else if (typeof chunk === 'string') tracked.onBodyChunk(Buffer.from(chunk));
      });
      return (originalPush as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as IncomingMessage['push'];
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

function abortedError(message: string): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}
