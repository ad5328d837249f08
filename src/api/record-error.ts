import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { transportErrorType } from '../spans/error-attributes.js';

/** Longest status message kept; error messages can quote whole inputs. */
const MAX_STATUS_MESSAGE_CHARS = 1024;

/**
 * Marks `span` failed with `error` as the conventions ask: an `exception` event, status ERROR
 * with the message, and `error.type` (the error's code or class name, else `_OTHER`).
 */
export function recordErrorOnSpan(span: Span, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  span.recordException(error instanceof Error ? error : message);
  span.setAttribute(ATTR_ERROR_TYPE, transportErrorType(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: message.length > MAX_STATUS_MESSAGE_CHARS ? `${message.slice(0, MAX_STATUS_MESSAGE_CHARS)}…` : message,
  });
}
