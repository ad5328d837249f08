import type { TracingConfig } from '../config/types.js';
import { LlmHttpInstrumentation } from '../capture/llm-http-instrumentation.js';
import { appInstrumentation } from '../own-sdk/llm-otel.js';
import { deferAnthropicSdkSpans } from './defer-anthropic-sdk-spans.js';
import type { TracingHandle } from './start-tracing.js';

/**
 * Register when the app's own OpenTelemetry SDK already started (`--import ./otel.mjs --import
 * llm-otel/register`, or a `--require` before us): no provider, exporter or global of ours. The
 * capture starts its spans on the app's provider (its exporter, resource and sampler), adds our
 * trace-attributes processor to it and records the metrics on the app's meter provider; the
 * app's SDK flushes and shuts them down.
 */
export function startBesideAppSdk(config: TracingConfig): TracingHandle {
  deferAnthropicSdkSpans();
  // The app's SDK may already carry llmOtel(): one instrumentation, one span per call.
  const instrumentation = appInstrumentation() ?? new LlmHttpInstrumentation({
    captureContent: config.captureContent,
    maxContentBytes: config.maxContentBytes,
    traceNonLlmRequests: config.traceNonLlmRequests,
    providers: config.providers,
  });
  return {
    enabled: true,
    config,
    instrumentation,
    forceFlush: async () => {},
    shutdown: async () => {
      instrumentation.disable();
    },
  };
}
