import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';
import type { ResponseFacts } from '../providers/types.js';
import { MAX_SPAN_TEXT_CHARS, redactSpanText } from './redact-span-text.js';
import { stripRequestText } from './strip-request-text.js';

/**
 * What `error.type` may be: a short identifier (`invalid_request_error`, `ThrottlingException`,
 * `RESOURCE_EXHAUSTED`, `429`). The attribute is a metric dimension, so anything else a provider
 * puts in its type or code field (a sentence, a quoted value, a key) is not used.
 */
const ERROR_TYPE_IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** The provider's error type or code when it is an identifier, else undefined. */
function lowCardinalityErrorType(candidate: string | undefined): string | undefined {
  if (candidate === undefined || !ERROR_TYPE_IDENTIFIER.test(candidate)) return undefined;
  // An identifier can still be a credential (a key echoed in a code field).
  return redactSpanText(candidate) === candidate ? candidate : undefined;
}

/**
 * `error.type` for a failed transport: the system error code (ECONNREFUSED) when there is one,
 * else the error's class name (AbortError, TypeError), else `_OTHER` as the conventions say.
 */
export function transportErrorType(error: unknown): string {
  const err = error as { code?: unknown; name?: unknown; cause?: { code?: unknown } } | undefined;
  const code = err?.cause?.code ?? err?.code;
  if (typeof code === 'string' && lowCardinalityErrorType(code)) return code;
  if (typeof err?.name === 'string' && err.name && err.name !== 'Error' && lowCardinalityErrorType(err.name)) return err.name;
  return '_OTHER';
}

/**
 * Marks an HTTP error response (4xx/5xx), or an error event in a 200 stream: `error.type` is the
 * provider's error type when it is an identifier, else the status code (`_OTHER` for a stream
 * whose status was 200). The provider's message goes through the redaction step; with content
 * capture off (`requestTexts` given) every stretch of it quoting the request's messages is cut.
 */
export function recordHttpError(span: Span, status: number, facts: ResponseFacts, requestTexts?: () => readonly string[]): string {
  const errorType = lowCardinalityErrorType(facts.errorType) ?? (status >= 400 ? String(status) : '_OTHER');
  span.setAttribute(ATTR_ERROR_TYPE, errorType);
  let message = facts.errorMessage?.slice(0, 2 * MAX_SPAN_TEXT_CHARS) || `HTTP ${status}`;
  if (facts.errorMessage && requestTexts) message = stripRequestText(message, requestTexts());
  span.setStatus({ code: SpanStatusCode.ERROR, message: redactSpanText(message) });
  return errorType;
}

/** Marks a transport failure (network error, abort, body error). */
export function recordTransportError(span: Span, error: unknown): string {
  const errorType = transportErrorType(error);
  span.setAttribute(ATTR_ERROR_TYPE, errorType);
  const message = (error as { message?: unknown } | undefined)?.message;
  span.setStatus({ code: SpanStatusCode.ERROR, message: redactSpanText(typeof message === 'string' ? message : String(error)) });
  return errorType;
}

export function recordHttpStatus(span: Span, status: number): void {
  span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
}
