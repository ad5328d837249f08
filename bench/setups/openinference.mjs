// OpenTelemetry SDK + @arizeai/openinference-instrumentation-openai, with inputs and outputs hidden
// like the others' content capture off (its default records them).
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import { startSdk } from './start-sdk.mjs';

startSdk([new OpenAIInstrumentation({ traceConfig: { hideInputs: true, hideOutputs: true } })]);
