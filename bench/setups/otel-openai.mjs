// OpenTelemetry SDK + @opentelemetry/instrumentation-openai (content capture off, its default).
import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import { startSdk } from './start-sdk.mjs';

startSdk([new OpenAIInstrumentation()]);
