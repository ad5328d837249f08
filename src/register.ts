/**
 * `node --import llm-otel/register app.js`: starts tracing before the app's first import, so
 * every LLM call it makes is traced without a code change. ESM and CommonJS apps alike: the
 * capture hooks Node's diagnostics channels and the global fetch, not module loading.
 */
import { setupDiag } from './sdk/setup-diag.js';
import { startFromEnvironment } from './sdk/start-from-environment.js';

setupDiag();
startFromEnvironment();
