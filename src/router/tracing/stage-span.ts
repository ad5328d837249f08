import { trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';

import { recordErrorOnSpan } from '../../spans/record-error.js';

export interface Stage {
  readonly span: Span;
  /** Context with this stage's span active, for the calls made inside the stage. */
  readonly context: Context;
}

/**
 * Starts a stage span (signal, decision, plugin) as a child of `parent`. Stages are siblings under
 * the request span because each is started from the request's context, not from the previous
 * stage's: the vLLM router chains them, which makes the tree read as if each stage called the next.
 */
export function startStage(tracer: Tracer, parent: Context, name: string, attributes: Attributes = {}): Stage {
  const span = tracer.startSpan(name, { attributes }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/**
 * Ends a stage that failed without failing the request (a signal that could not be evaluated).
 * The error goes through the capture's redaction step: an embeddings call's fetch error can quote
 * the backend URL with its credentials, and a backend's 401 can echo the key.
 */
export function endStageWithError(span: Span, error: unknown): void {
  recordErrorOnSpan(span, error);
  span.end();
}
