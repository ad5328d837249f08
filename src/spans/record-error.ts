import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { transportErrorType } from './error-attributes.js';
import { redactSpanText } from './redact-span-text.js';

/**
 * Marks `span` failed with `error` as the conventions ask: an `exception` event, status ERROR
 * with the message, and `error.type` (the error's code or class name, else `_OTHER`). The
 * message and stack pass the redaction step: an SDK error can quote the URL or header it failed on.
 */
export function recordErrorOnSpan(span: Span, error: unknown): void {
  const message = redactSpanText(error instanceof Error ? error.message : String(error));
  if (error instanceof Error) {
    span.recordException({ name: error.name, message, stack: error.stack === undefined ? undefined : redactSpanText(error.stack) });
  } else {
    span.recordException(message);
  }
  span.setAttribute(ATTR_ERROR_TYPE, transportErrorType(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}
