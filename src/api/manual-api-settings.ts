import { DEFAULT_MAX_CONTENT_BYTES } from '../config/defaults.js';
import { captureContentFromEnv, tracingEnabledFromEnv } from '../config/settings-from-env.js';

/** What the manual API needs to know of the configuration. */
export interface ManualApiSettings {
  /** false: `trace` and `span` only call `fn` (no span objects, no context changes). */
  readonly enabled: boolean;
  /** Record `input` and `setOutput` values (content capture is opt-in, as for LLM spans). */
  readonly captureContent: boolean;
  /** Cap for each recorded content attribute, in UTF-8 bytes. */
  readonly maxContentBytes: number;
}

let settings: ManualApiSettings | undefined;

/**
 * Without `--import llm-otel/register` (an app with its own OpenTelemetry SDK) nobody configures
 * us, so the same environment variables the register entry reads decide.
 */
function settingsFromEnv(): ManualApiSettings {
  return {
    enabled: tracingEnabledFromEnv(),
    captureContent: captureContentFromEnv(),
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
