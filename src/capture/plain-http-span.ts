import { SpanKind, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT, ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';
import { recordHttpError, recordHttpStatus, recordTransportError } from '../spans/error-attributes.js';
import { redactedUrlFull } from '../spans/redact-span-text.js';
import type { TrackedRequest } from './tracked-request.js';

/**
 * A span for an HTTP request that is not an LLM call, made only when the user turns on
 * `trace_non_llm_requests`. The query string is left out of `url.full`: it is where credentials
 * (`?key=`, `?api_key=`) travel; userinfo and key-shaped path segments are redacted.
 */
export class PlainHttpSpan implements TrackedRequest {
  readonly context: Context;
  /** A plain span reports any 3xx with a location as a redirect, whatever the client does with it. */
  readonly followRedirects = true;
  private readonly span: Span;
  private status?: number;
  private ended = false;

  constructor(tracer: Tracer, parent: Context, method: string, url: URL) {
    this.span = tracer.startSpan(
      method,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: method,
          [ATTR_SERVER_ADDRESS]: url.hostname,
          [ATTR_SERVER_PORT]: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80,
          [ATTR_URL_FULL]: redactedUrlFull(url),
        },
      },
      parent,
    );
    this.context = trace.setSpan(parent, this.span);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  onResponseStart(status: number): void {
    this.status = status;
  }

  onRedirect(): void {}

  onLateRequestBody(): void {}

  onBodyChunk(): void {}

  onEnd(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.status !== undefined) {
      recordHttpStatus(this.span, this.status);
      if (this.status >= 400) recordHttpError(this.span, this.status, {});
    }
    this.span.end();
  }

  onError(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    recordTransportError(this.span, error);
    this.span.end();
  }
}
