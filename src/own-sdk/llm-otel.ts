import { LlmHttpInstrumentation } from '../capture/llm-http-instrumentation.js';
import type { LlmHttpInstrumentationConfig } from '../capture/types.js';
import { currentTracing } from '../sdk/start-from-environment.js';

/** The instrumentation llmOtel() made, for register to reuse when the app's SDK started first. */
const APP_INSTRUMENTATION = Symbol.for('llm-otel.app-instrumentation');
type WithAppInstrumentation = { [APP_INSTRUMENTATION]?: LlmHttpInstrumentation };

/**
 * What llm-otel brings to an app's own SDK, as one instrumentation:
 * `new NodeSDK({ ..., instrumentations: [llmOtel()] })`. It makes the GenAI spans on the SDK's
 * tracer provider (and adds the trace-attributes processor to it), puts the cost on each, and
 * records the GenAI client metrics on the SDK's meter provider. Beside `--import
 * llm-otel/register` there is still one instrumentation, so each LLM call gets one span.
 */
export function llmOtel(config?: LlmHttpInstrumentationConfig): LlmHttpInstrumentation {
  const registered = currentTracing()?.instrumentation;
  if (registered) return registered;
  const holder = globalThis as WithAppInstrumentation;
  return (holder[APP_INSTRUMENTATION] ??= new LlmHttpInstrumentation(config));
}

/** The instrumentation an app's own SDK already has from llmOtel(), if any. */
export function appInstrumentation(): LlmHttpInstrumentation | undefined {
  return (globalThis as WithAppInstrumentation)[APP_INSTRUMENTATION];
}
