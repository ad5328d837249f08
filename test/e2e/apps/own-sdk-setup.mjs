// The README's own-SDK snippet, as written there (test/e2e/own-sdk-nodesdk.test.ts checks that the
// README holds these lines). OWN_SDK_AUTO=1 adds auto-instrumentations-node as many apps do.
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { llmOtel } from 'llm-otel';

const auto = process.env.OWN_SDK_AUTO === '1' ? [getNodeAutoInstrumentations()] : [];

// README snippet start
export const sdk = new NodeSDK({
  serviceName: 'my-app',
  instrumentations: [...auto, llmOtel()],
});
sdk.start();
// README snippet end
