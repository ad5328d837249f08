import { context, SpanKind, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { ApiMatch, HttpRequestInfo, RequestFacts, ResponseAccumulator, ResponseFacts } from '../providers/types.js';
import { genAiSpanName } from '../spans/span-name.js';
import { requestAttributes } from '../spans/request-attributes.js';
import { responseAttributes } from '../spans/response-attributes.js';
import { requestContentAttributes, responseContentAttributes } from '../spans/content-attributes.js';
import { recordHttpError, recordHttpStatus, recordTransportError } from '../spans/error-attributes.js';
import { messageTexts } from '../spans/strip-request-text.js';
import { ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK } from '../semconv.js';
import { createBodyDecoder, type BodyDecoder } from './body-decoder.js';
import { reportOnce } from '../diagnostics/report-once.js';
import type { CaptureSettings } from './internal-types.js';
import type { TrackedRequest } from './tracked-request.js';
import type { CompletedExchange, ExchangeListener } from './types.js';

function nowMs(): number {
  return performance.now();
}

/** How the exchange's client treats the response, where that changes what the app sees. */
export interface ExchangeOptions {
  /** fetch's `redirect: 'follow'` (the default): a 3xx is not the final response. */
  readonly followRedirects?: boolean;
  /**
   * The client removes content-encoding itself (fetch does): a body our decoder cannot decode is
   * one the client could not decode either, so the app's read failed (fetch: `TypeError:
   * terminated`) and the span records that instead of a quiet 200.
   */
  readonly clientDecodesBody?: boolean;
}

/** What fetch rejects the app's read with when the body does not decode (undici's onAborted). */
function undecodableBodyError(cause: unknown): TypeError {
  return new TypeError('terminated', { cause });
}

/**
 * One LLM HTTP call, from request to the end of its response body: owns the GenAI span and the
 * body parser. Transports (fetch, node:http, http2) feed it events; it never touches the bytes the
 * app reads and never throws into the transport.
 */
export class LlmExchange implements TrackedRequest {
  readonly span: Span;
  /** Context with this exchange's span active: the parent of anything the server continues. */
  readonly context: Context;
  private readonly startedAt = nowMs();
  private firstChunkAt?: number;
  private status?: number;
  private accumulator?: ResponseAccumulator;
  private decoder?: BodyDecoder;
  private ended = false;
  private ignoringBody = false;
  private requestFacts: RequestFacts;
  private decodeError?: unknown;
  /** fetch's `redirect: 'follow'` (the default): a 3xx is not the final response. */
  readonly followRedirects: boolean;
  private readonly clientDecodesBody: boolean;
  /** Kept only to tell, with content capture off, which parts of a provider error quote the request. */
  private requestBody: unknown;

  constructor(
    tracer: Tracer,
    parent: Context,
    readonly match: ApiMatch,
    request: RequestFacts,
    private readonly url: URL,
    private readonly settings: CaptureSettings,
    private readonly listeners: readonly ExchangeListener[],
    options: ExchangeOptions = {},
  ) {
    this.requestFacts = request;
    this.followRedirects = options.followRedirects ?? true;
    this.clientDecodesBody = options.clientDecodesBody ?? false;
    this.span = tracer.startSpan(
      genAiSpanName(request.operation, request.model),
      // The span starts at the instant the duration metric measures from, so the two agree exactly
      // (attribute building and the sampler run in between, and a GC pause there is milliseconds).
      { kind: SpanKind.CLIENT, attributes: requestAttributes(request, url), startTime: performance.timeOrigin + this.startedAt },
      parent,
    );
    if (settings.captureContent && this.span.isRecording()) {
      this.span.setAttributes(requestContentAttributes(request.content, settings.maxContentBytes));
    }
    this.context = trace.setSpan(parent, this.span);
  }

  /** Starts an exchange for a recognised request, or returns undefined (and reports) on failure. */
  static start(
    tracer: Tracer,
    match: ApiMatch,
    requestInfo: HttpRequestInfo,
    body: unknown,
    settings: CaptureSettings,
    listeners: readonly ExchangeListener[],
    parent: Context = context.active(),
    options: ExchangeOptions = {},
  ): LlmExchange | undefined {
    try {
      const facts = match.parseRequest(body, settings.captureContent);
      const exchange = new LlmExchange(tracer, parent, match, facts, requestInfo.url, settings, listeners, options);
      exchange.requestBody = body;
      return exchange;
    } catch (error) {
      reportOnce('starting an LLM span', error);
      return undefined;
    }
  }

  get isEnded(): boolean {
    return this.ended;
  }

  get request(): RequestFacts {
    return this.requestFacts;
  }

  /**
   * The request body, read after the span had to start: HTTP/2 sends the headers (and with them
   * `traceparent`) before the first body byte is written. Its facts replace the URL-only ones
   * the span started with (name, model, parameters, operation).
   */
  onLateRequestBody(body: unknown): void {
    if (this.ended || this.status !== undefined) return;
    try {
      const facts = this.match.parseRequest(body, this.settings.captureContent);
      this.requestFacts = facts;
      this.requestBody = body;
      if (!this.span.isRecording()) return;
      this.span.updateName(genAiSpanName(facts.operation, facts.model));
      this.span.setAttributes(requestAttributes(facts, this.url));
      if (this.settings.captureContent) {
        this.span.setAttributes(requestContentAttributes(facts.content, this.settings.maxContentBytes));
      }
    } catch (error) {
      reportOnce('reading a late LLM request body', error);
    }
  }

  /** The request's message text, read from the body again (only when an error needs it). */
  private requestMessageTexts(): string[] {
    try {
      return messageTexts(this.match.parseRequest(this.requestBody, true).content);
    } catch {
      return [];
    }
  }

  /** Response headers arrived. A redirect that the client follows is not the final response. */
  onResponseStart(status: number, headers: Record<string, string>): void {
    if (this.ended) return;
    try {
      this.status = status;
      this.ignoringBody = false;
      // A sampled-out call still feeds the metrics listeners its tokens; with neither a recording
      // span nor a listener, reading the body would be wasted work.
      if (!this.span.isRecording() && this.listeners.length === 0) return;
      const accumulator = this.match.createAccumulator({ status, headers }, this.request, this.settings.captureContent);
      this.accumulator = accumulator;
      this.decodeError = undefined;
      this.decoder = createBodyDecoder(
        headers['content-encoding'],
        (chunk) => this.feed(accumulator, chunk),
        (error) => {
          if (this.clientDecodesBody) this.decodeError = undecodableBodyError(error);
          else reportOnce('decoding a compressed response body', error);
        },
      );
    } catch (error) {
      reportOnce('reading LLM response headers', error);
    }
  }

  /** The client will follow this redirect; its body is not the LLM response. */
  onRedirect(): void {
    this.ignoringBody = true;
    this.accumulator = undefined;
    this.decoder = undefined;
  }

  onBodyChunk(chunk: Uint8Array): void {
    if (this.ended || this.ignoringBody) return;
    this.firstChunkAt ??= nowMs();
    try {
      this.decoder?.write(chunk);
    } catch (error) {
      reportOnce('observing an LLM response chunk', error);
      this.decoder = undefined;
    }
  }

  private feed(accumulator: ResponseAccumulator, chunk: Uint8Array): void {
    try {
      accumulator.push(chunk);
    } catch (error) {
      reportOnce('parsing an LLM response body', error);
      this.accumulator = undefined;
    }
  }

  /** The response body ended normally. */
  onEnd(): void {
    if (this.ended || this.ignoringBody) return;
    this.ended = true;
    const endedAt = nowMs();
    const decoder = this.decoder;
    if (decoder) decoder.end(() => this.finish(endedAt, this.decodeError));
    else this.finish(endedAt, this.decodeError);
  }

  /** The request or its body failed (network error, abort, the consumer stopped reading). */
  onError(error: unknown): void {
    if (this.ended) return;
    // The stream's end marker already arrived: the client stopped reading after the last event
    // (or the connection dropped after it). The call succeeded.
    if (this.accumulator?.isComplete?.()) {
      this.onEnd();
      return;
    }
    this.ended = true;
    const endedAt = nowMs();
    // Whatever was received is still parsed: a cut stream keeps the usage it had.
    const decoder = this.decoder;
    if (decoder) decoder.end(() => this.finish(endedAt, error ?? new Error('aborted')));
    else this.finish(endedAt, error ?? new Error('aborted'));
  }

  private finish(endedAt: number, error: unknown): void {
    const span = this.span;
    try {
      let facts: ResponseFacts = {};
      if (this.accumulator) {
        try {
          facts = this.accumulator.finish();
        } catch (parseError) {
          reportOnce('parsing an LLM response body', parseError);
        }
      }
      const durationSeconds = (endedAt - this.startedAt) / 1000;
      const ttfc = this.request.stream && this.firstChunkAt !== undefined ? (this.firstChunkAt - this.startedAt) / 1000 : undefined;
      let errorType: string | undefined;
      if (span.isRecording()) {
        if (this.status !== undefined) recordHttpStatus(span, this.status);
        span.setAttributes(responseAttributes(facts, this.settings.genAiConventions, this.match.usageCounting));
        if (ttfc !== undefined) span.setAttribute(ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, ttfc);
        if (this.settings.captureContent) {
          span.setAttributes(responseContentAttributes(facts.outputMessages, this.settings.maxContentBytes));
        }
      }
      if (error !== undefined) errorType = recordTransportError(span, error);
      else if ((this.status ?? 0) >= 400 || facts.errorType) errorType = recordHttpError(span, this.status ?? 0, facts, this.settings.captureContent ? undefined : () => this.requestMessageTexts());
      if (this.listeners.length > 0) {
        const completed: CompletedExchange = {
          span,
          request: this.request,
          response: facts,
          url: this.url,
          status: this.status,
          durationSeconds,
          timeToFirstChunkSeconds: ttfc,
          errorType,
          usageCounting: this.match.usageCounting,
        };
        for (const listener of this.listeners) {
          try {
            listener(completed);
          } catch (listenerError) {
            reportOnce('an exchange listener', listenerError);
          }
        }
      }
    } catch (finishError) {
      reportOnce('finishing an LLM span', finishError);
    } finally {
      this.requestBody = undefined;
      this.accumulator = undefined;
      this.decoder = undefined;
      span.end(performance.timeOrigin + endedAt);
    }
  }
}
