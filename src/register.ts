/**
 * `node --import llm-otel/register app.js`: starts tracing before the app's first import, so
 * every LLM call it makes is traced without a code change. ESM and CommonJS apps alike: the
 * capture hooks Node's diagnostics channels and the global fetch, not module loading.
 *
 * Switched off by the environment (OTEL_SDK_DISABLED=true, TRACING_ENABLED=false), it imports
 * nothing more: the SDK and the capture are loaded only when tracing is on.
 */
import { tracingOffInEnvironment } from './config/tracing-off-in-env.js';
import { isExportThread } from './sdk/is-export-thread.js';

if (!tracingOffInEnvironment(process.env) && !isExportThread()) {
  const { registerTracing } = await import('./sdk/register-tracing.js');
  await registerTracing();
}
