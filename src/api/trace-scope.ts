import { createContextKey, type Attributes, type Context } from '@opentelemetry/api';
import { ATTR_SESSION_ID, ATTR_USER_ID } from '../semconv.js';
import { ATTR_LLM_OTEL_TAGS } from '../spans/llm-otel-attributes.js';

/**
 * Who and what a trace is for, carried in the OpenTelemetry context so that every span started
 * under `trace(...)` gets it: ours directly, any other (the automatic LLM spans, other
 * instrumentations) through TraceAttributesSpanProcessor.
 */
export interface TraceScope {
  readonly userId?: string;
  readonly sessionId?: string;
  readonly tags: readonly string[];
  /** `user.id`, `session.id`, `llm_otel.tags`: what goes on every span, built once per trace. */
  readonly attributes: Readonly<Attributes>;
}

// createContextKey uses Symbol.for, so two copies of this package (a bundled one and the
// register entry's) still share the key.
const TRACE_SCOPE_KEY = createContextKey('llm-otel trace scope');

export function traceScopeOf(ctx: Context): TraceScope | undefined {
  return ctx.getValue(TRACE_SCOPE_KEY) as TraceScope | undefined;
}

export function withTraceScope(ctx: Context, scope: TraceScope): Context {
  return ctx.setValue(TRACE_SCOPE_KEY, scope);
}

/** A nested trace keeps the outer user and session unless it names its own, and adds its tags. */
export function nestedTraceScope(
  outer: TraceScope | undefined,
  options: { userId?: string; sessionId?: string; tags?: readonly string[] },
): TraceScope {
  const userId = options.userId ?? outer?.userId;
  const sessionId = options.sessionId ?? outer?.sessionId;
  const tags = [...new Set([...(outer?.tags ?? []), ...(options.tags ?? []).filter((t) => typeof t === 'string')])];
  const attributes: Attributes = {};
  if (userId !== undefined) attributes[ATTR_USER_ID] = String(userId);
  if (sessionId !== undefined) attributes[ATTR_SESSION_ID] = String(sessionId);
  if (tags.length > 0) attributes[ATTR_LLM_OTEL_TAGS] = tags;
  return Object.freeze({ userId, sessionId, tags: Object.freeze(tags), attributes: Object.freeze(attributes) });
}
