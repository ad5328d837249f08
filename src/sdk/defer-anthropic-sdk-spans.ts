import type { EnvVariableName } from '../config/env-variables.js';

/**
 * The official Anthropic SDK (`@anthropic-ai/sdk` >= 1.x) starts its own CLIENT span per API call
 * (`anthropic.messages.create`, scope `com.anthropic.sdk.typescript`) whenever a tracer provider
 * is registered with the OpenTelemetry API, which is on by default. Registering ours would thus
 * switch those spans on, and every call would show two GenAI spans: the SDK's, with
 * `gen_ai.usage.input_tokens` summed over cache reads and writes and `cache_write` instead of
 * `cache_creation`, and ours as its child. Token totals in a backend would count each call twice.
 *
 * A user who adds llm-otel expects the spans llm-otel documents: one `chat <model>` span per call
 * with the provider's own counters. So when we register our provider we set the SDK's documented
 * switch, `ANTHROPIC_OPEN_TELEMETRY=false` (read by each client when it is constructed without an
 * `openTelemetry` option). The SDK then starts no span and injects no `traceparent` of its own;
 * the HTTP capture's span is the only one and carries the trace context.
 *
 * A choice the user made is kept: if the variable is already set (to anything), or a client is
 * given an explicit `openTelemetry` option, the SDK's spans stay on, and ours nests under theirs.
 */
export const ANTHROPIC_SDK_TRACING_ENV = 'ANTHROPIC_OPEN_TELEMETRY' satisfies EnvVariableName;

/** Turns the Anthropic SDK's own spans off unless the user chose; returns whether it did. */
export function deferAnthropicSdkSpans(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[ANTHROPIC_SDK_TRACING_ENV] !== undefined) return false;
  env[ANTHROPIC_SDK_TRACING_ENV] = 'false';
  return true;
}
