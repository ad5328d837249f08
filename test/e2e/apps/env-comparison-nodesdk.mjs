// The reference setup of test/e2e/env-comparison.test.ts: a NodeSDK configured from the
// environment only, with the undici instrumentation so each fetch has an HTTP span (llm-otel's
// counterpart is its GenAI span). Shuts down, flushing every signal, when the app is done.
import { NodeSDK } from '@opentelemetry/sdk-node';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

const sdk = new NodeSDK({ instrumentations: [new UndiciInstrumentation()] });
sdk.start();
let stopping;
process.on('beforeExit', () => {
  stopping ??= sdk.shutdown();
});
