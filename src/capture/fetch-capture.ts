import { matchOf } from './request-match-cache.js';
import { fetchHeaderReader, undiciHeaderReader } from './request-header-readers.js';
import { context } from '@opentelemetry/api';
import type { HttpRequestInfo } from '../providers/types.js';
import { guarded, reportOnce } from '../diagnostics/report-once.js';
import { ChannelSubscriptions } from './channel-subscriptions.js';
import { EXCHANGE_CONTEXT_KEY } from './exchange-context-key.js';
import { isRedirect, rawHeadersToRecord } from './raw-headers.js';
import { replaceGlobal } from './replace-global.js';
import { isReadableRequestBody } from './request-body.js';
import { RequestBodyPrefix } from './request-body-prefix.js';
import type { RequestStarter } from './request-starter.js';
import type { TrackedRequest } from './tracked-request.js';
import { observeRequestBody, observeResponseBody } from './undici-request-hooks.js';
import { injectTraceparent, type UndiciHeaderCarrier } from './undici-traceparent.js';

/**
 * fetch (undici) capture.
 *
 * - A thin wrapper around `globalThis.fetch` reads the request body the app passed when it is a
 *   string or bytes (the model and parameters must be on the span when it starts, for samplers)
 *   and runs the original fetch in a context that carries the exchange. A body that is a stream
 *   (an SDK's `Request`, a proxy forwarding `req.body`) is never read ahead of fetch: the span
 *   starts from the URL and its first bytes are copied as undici sends them
 *   (request-body-prefix.ts), before the response starts.
 * - undici's diagnostics channels (see undici docs/api/DiagnosticsChannel.md) give the request
 *   object (to add `traceparent`), the response headers and the end or error. The response body
 *   chunks are observed on the request object itself (undici-request-hooks.ts): whether undici
 *   publishes them on a channel depends on which undici made the request, not on Node's.
 * - Requests that reach undici without the wrapper (an app calling undici's own `request`,
 *   `fetch` or a `Client`) are still recognised at `undici:request:create`, from the URL and
 *   their body.
 *
 * Nothing here reads, copies into, or rewrites the Response the app gets.
 */

interface UndiciRequest extends UndiciHeaderCarrier {
  origin?: string | URL;
  path: string;
  method: string;
  body?: unknown;
}

const CHANNELS = {
  create: 'undici:request:create',
  headers: 'undici:request:headers',
  trailers: 'undici:request:trailers',
  error: 'undici:request:error',
} as const;

type FetchFn = typeof globalThis.fetch;

/** Method, URL text and body of a fetch call, or undefined for an input fetch would not accept. */
function fetchArgs(input: unknown, init: RequestInit | undefined): { method: string; urlText: string; body: unknown } | undefined {
  let urlText: string;
  let method = init?.method;
  if (typeof input === 'string') urlText = input;
  else if (input instanceof URL) urlText = input.href;
  else if (input instanceof Request) {
    urlText = input.url;
    method ??= input.method;
  } else return undefined;
  return { method: (method ?? 'GET').toUpperCase(), urlText, body: init?.body };
}

function undiciRequestUrl(request: UndiciRequest): URL | undefined {
  if (!request.origin) return undefined;
  return URL.parse(request.path, String(request.origin)) ?? undefined;
}

export class FetchCapture {
  private readonly tracked = new WeakMap<object, TrackedRequest>();
  private readonly subscriptions = new ChannelSubscriptions();
  /** Exchanges whose request body is a stream, to be seen as undici sends it. */
  private readonly awaitingBody = new WeakSet<TrackedRequest>();
  private readonly prefixes = new WeakMap<object, RequestBodyPrefix>();
  private restoreFetch?: () => void;

  constructor(private readonly starter: RequestStarter) {}

  enable(): void {
    if (typeof globalThis.fetch !== 'function' || this.restoreFetch) return;
    this.restoreFetch = replaceGlobal(globalThis, 'fetch', this.wrapFetch(globalThis.fetch));
    this.subscribe(CHANNELS.create, (m) => this.onRequestCreate(m as { request: UndiciRequest }));
    this.subscribe(CHANNELS.headers, (m) => this.onResponseHeaders(m as { request: object; response: { statusCode: number; headers: Buffer[] } }));
    this.subscribe(CHANNELS.trailers, (m) => this.tracked.get((m as { request: object }).request)?.onEnd());
    this.subscribe(CHANNELS.error, (m) => {
      const { request, error } = m as { request: object; error: unknown };
      this.prefixes.get(request)?.flush();
      this.tracked.get(request)?.onError(error);
    });
  }

  disable(): void {
    this.subscriptions.unsubscribeAll();
    this.restoreFetch?.();
    this.restoreFetch = undefined;
  }

  private subscribe(name: string, handler: (message: unknown) => void): void {
    this.subscriptions.subscribe(name, handler);
  }

  private wrapFetch(original: FetchFn): FetchFn {
    const capture = this;
    return function fetch(this: unknown, input: string | URL | Request, init?: RequestInit): Promise<Response> {
      const tracked = guarded('starting a fetch span', () => capture.startForFetch(input, init));
      if (!tracked) return original.call(this, input, init);
      const ctx = tracked.context.setValue(EXCHANGE_CONTEXT_KEY, tracked);
      let promise: Promise<Response>;
      try {
        promise = context.with(ctx, () => original.call(this, input, init));
      } catch (error) {
        tracked.onError(error);
        throw error;
      }
      // Failures before undici creates its request (bad URL, aborted early) never reach the
      // channels; the rejected promise is the only place to see them. The app's own promise is
      // returned unchanged.
      promise.then(undefined, (error: unknown) => tracked.onError(error));
      return promise;
    } as FetchFn;
  }

  private startForFetch(input: unknown, init: RequestInit | undefined): TrackedRequest | undefined {
    const args = fetchArgs(input, init);
    if (!args) return undefined;
    const found = this.starter.lookup(args.method, args.urlText);
    const match = matchOf(found, () => fetchHeaderReader(input, init));
    const info: HttpRequestInfo = { method: args.method, url: found.url };
    const followRedirects = init?.redirect !== 'manual' && init?.redirect !== 'error';
    // A Request's own body is a stream, whatever it was built from: never read here.
    const body = args.body ?? (input instanceof Request ? input.body : undefined);
    const readable = body === undefined || body === null || isReadableRequestBody(body);
    const tracked = this.starter.begin(info, match, readable ? body : undefined, context.active(), { followRedirects, clientDecodesBody: true });
    if (tracked && match && !readable) this.awaitingBody.add(tracked);
    return tracked;
  }

  private onRequestCreate({ request }: { request: UndiciRequest }): void {
    let tracked = context.active().getValue(EXCHANGE_CONTEXT_KEY) as TrackedRequest | undefined;
    const startedHere = !tracked || tracked.isEnded;
    if (startedHere) tracked = this.startForUndiciRequest(request);
    if (!tracked) return;
    this.tracked.set(request, tracked);
    injectTraceparent(tracked.context, request);
    // Not subscribing to undici:request:bodyChunkReceived spares undici 7 and 8 a message per
    // chunk; an undici whose request object lacks the methods is the one limit, logged once.
    if (!observeResponseBody(request, tracked)) {
      reportOnce('observing undici response chunks', new Error('this undici request has no onData/onResponseData; its spans get no response facts'));
    }
    if (this.awaitingBody.delete(tracked) || (startedHere && request.body != null && !isReadableRequestBody(request.body))) {
      const prefix = new RequestBodyPrefix((body) => tracked.onLateRequestBody(body));
      observeRequestBody(request, prefix);
      this.prefixes.set(request, prefix);
    }
  }

  /** A request that did not come through the wrapped fetch (undici's own API, a custom dispatcher). */
  private startForUndiciRequest(request: UndiciRequest): TrackedRequest | undefined {
    const url = undiciRequestUrl(request);
    if (!url) return undefined;
    const info: HttpRequestInfo = { method: request.method.toUpperCase(), url, header: undiciHeaderReader(request.headers) };
    return this.starter.begin(info, this.starter.match(info), request.body, context.active());
  }

  private onResponseHeaders({ request, response }: { request: object; response: { statusCode: number; headers: Buffer[] } }): void {
    const tracked = this.tracked.get(request);
    if (!tracked) return;
    // The span must know the request (stream flag, model) before it reads the response.
    this.prefixes.get(request)?.flush();
    const headers = rawHeadersToRecord(response.headers);
    if (tracked.followRedirects && isRedirect(response.statusCode, headers)) tracked.onRedirect();
    else tracked.onResponseStart(response.statusCode, headers);
  }
}
