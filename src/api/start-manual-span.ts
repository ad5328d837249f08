import { trace, type Attributes, type Context, type SpanKind, type Tracer } from '@opentelemetry/api';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import type { ManualApiSettings } from './manual-api-settings.js';
import type { StartedManualSpan } from './run-in-span.js';
import { ManualSpanHandle, type PricingTarget } from './span-handle.js';
import type { ContentKeys } from './span-kinds.js';
import { traceScopeOf, withTraceScope, type TraceScope } from './trace-scope.js';

// Asked for each span, not kept: the provider behind the API can change once (an app's NodeSDK
// started after register replaces ours), and a tracer kept from before would still go to ours.
function manualTracer(): Tracer {
  return trace.getTracer(PACKAGE_NAME, PACKAGE_VERSION);
}

export interface ManualSpanStart {
  readonly name: string;
  readonly spanKind: SpanKind;
  readonly attributes: Attributes;
  readonly content: ContentKeys;
  readonly input: unknown;
  readonly pricing?: PricingTarget;
  /** A `trace(...)` root brings a new scope for everything under it. */
  readonly scope?: TraceScope;
}

/**
 * Starts a span as a child of the active one, with the enclosing trace's user, session and tags
 * set directly (so manual spans have them even in an SDK without TraceAttributesSpanProcessor).
 */
export function startManualSpan(start: ManualSpanStart, settings: ManualApiSettings, parent: Context): StartedManualSpan {
  // A new scope goes into the context the span starts in (the parent span stays the same), so
  // that TraceAttributesSpanProcessor, which reads that context, sets the new scope and not the
  // outer one over it.
  const startContext = start.scope ? withTraceScope(parent, start.scope) : parent;
  const scope = traceScopeOf(startContext);
  const attributes = scope ? { ...start.attributes, ...scope.attributes } : start.attributes;
  const span = manualTracer().startSpan(start.name, { kind: start.spanKind, attributes }, startContext);
  const handle = new ManualSpanHandle(span, start.content, settings, start.pricing);
  handle.recordInput(start.input);
  return { handle, context: trace.setSpan(startContext, span) };
}
