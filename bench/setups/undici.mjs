// OpenTelemetry SDK + @opentelemetry/instrumentation-undici: one HTTP client span per fetch, no
// GenAI attributes. What a user gets from generic HTTP tracing.
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { startSdk } from './start-sdk.mjs';

startSdk([new UndiciInstrumentation()]);
