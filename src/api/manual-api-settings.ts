import { getStringFromEnv } from '@opentelemetry/core';

/** What the manual API needs to know of the configuration. */
export interface ManualApiSettings {
  /** false: `trace` and `span` only call `fn` (no span objects, no context changes). */
  readonly enabled: boolean;
  /** Record `input` and `setOutput` values (content capture is opt-in, as for LLM spans). */
  readonly captureContent: boolean;
  /** Cap for each recorded content attribute, in UTF-8 bytes. */
  readonly maxContentBytes: number;
}

const DEFAULT_MAX_CONTENT_BYTES = 16 * 1024;

let settings: ManualApiSettings | undefined;

function isTrue(name: string): boolean {
  return getStringFromEnv(name)?.trim().toLowerCase() === 'true';
}

function isFalse(name: string): boolean {
  return getStringFromEnv(name)?.trim().toLowerCase() === 'false';
}

/**
 * Without `--import llm-otel/register` (an app with its own OpenTelemetry SDK) nobody configures
 * us, so the same environment variables the register entry reads decide.
 */
function settingsFromEnv(): ManualApiSettings {
  return {
    enabled: !isTrue('OTEL_SDK_DISABLED') && !isFalse('TRACING_ENABLED'),
    captureContent: isTrue('OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT'),
    maxContentBytes: DEFAULT_MAX_CONTENT_BYTES,
  };
}

/** Read on every manual span; computed once, so the disabled path costs a property read. */
export function manualApiSettings(): ManualApiSettings {
  return (settings ??= settingsFromEnv());
}

/**
 * Called by the SDK start (register) with the validated configuration, which already folds in
 * the environment; the manual API then follows exactly what the LLM capture does.
 */
export function configureManualApi(next: ManualApiSettings): void {
  settings = Object.freeze({ ...next });
}
