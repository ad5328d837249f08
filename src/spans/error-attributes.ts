import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';
import type { ResponseFacts } from '../providers/types.js';

/** Longest status message we keep; provider error messages can quote the whole request. */
const MAX_STATUS_MESSAGE_CHARS = 1024;

/**
 * `error.type` for a failed transport: the system error code (ECONNREFUSED) when there is one,
 * else the error's class name (AbortError, TypeError), else `_OTHER` as the conventions say.
 */
export function transportErrorType(error: unknown): string {
  const err = error as { code?: unknown; name?: unknown; cause?: { code?: unknown } } | undefined;
  const code = err?.cause?.code ?? err?.code;
  if (typeof code === 'string' && code) return code;
  if (typeof err?.name === 'string' && err.name && err.name !== 'Error') return err.name;
  return '_OTHER';
}

function truncate(message: string): string {
  return message.length > MAX_STATUS_MESSAGE_CHARS ? message.slice(0, MAX_STATUS_MESSAGE_CHARS) + '…' : message;
}

/** Marks an HTTP error response (4xx/5xx): the provider's error type when the body names one. */
export function recordHttpError(span: Span, status: number, facts: ResponseFacts): string {
  const errorType = facts.errorType ?? String(status);
  span.setAttribute(ATTR_ERROR_TYPE, errorType);
  span.setStatus({ code: SpanStatusCode.ERROR, message: truncate(facts.errorMessage ?? `HTTP ${status}`) });
  return errorType;
}

/** Marks a transport failure (network error, abort, body error). */
export function recordTransportError(span: Span, error: unknown): string {
  const errorType = transportErrorType(error);
  span.setAttribute(ATTR_ERROR_TYPE, errorType);
  const message = (error as { message?: unknown } | undefined)?.message;
  span.setStatus({ code: SpanStatusCode.ERROR, message: truncate(typeof message === 'string' ? message : String(error)) });
  return errorType;
}

export function recordHttpStatus(span: Span, status: number): void {
  span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
}
