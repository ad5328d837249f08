// OpenTelemetry SDK + @traceloop/instrumentation-openai, with content off like the others (its
// default is on).
import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import { startSdk } from './start-sdk.mjs';

startSdk([new OpenAIInstrumentation({ traceContent: false })]);
