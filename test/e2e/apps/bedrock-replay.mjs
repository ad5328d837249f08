// Replays recorded Amazon Bedrock exchanges through @aws-sdk/client-bedrock-runtime, as an app would.
// Plan (env REPLAY_PLAN, JSON): [{ fixture, api, transport: 'http2'|'http1', endpoint, region, modelId, body, contentType?, accept? }]
// Prints one JSON line per call: { fixture, ok, events?, sha256?, error? }.
import { createHash } from 'node:crypto';
import {
  BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, InvokeModelCommand, InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
// The SDK's own HTTP/1.1 handler (a dependency of the client); its default is NodeHttp2Handler.
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { drain, replayPlan } from './replay-loop.mjs';

// Fake, static credentials: SigV4 signs with them and the replay server ignores the signature.
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret-key-0000000000000000' };

async function replay(step) {
  const client = new BedrockRuntimeClient({
    endpoint: step.endpoint,
    region: step.region,
    credentials,
    maxAttempts: 1,
    ...(step.transport === 'http1' ? { requestHandler: new NodeHttpHandler() } : {}),
  });
  try {
    const { modelId, body } = step;
    switch (step.api) {
      case 'converse':
        await client.send(new ConverseCommand({ modelId, ...body }));
        return {};
      case 'converseStream': {
        const response = await client.send(new ConverseStreamCommand({ modelId, ...body }));
        // Awaited here: `finally` destroys the client, which must outlive the stream.
        return await drain(response.stream);
      }
      case 'invokeModel': {
        const response = await client.send(
          new InvokeModelCommand({ modelId, body: JSON.stringify(body), contentType: step.contentType ?? 'application/json', accept: step.accept ?? 'application/json' }),
        );
        return { sha256: createHash('sha256').update(response.body).digest('hex') };
      }
      case 'invokeModelWithResponseStream': {
        const response = await client.send(
          new InvokeModelWithResponseStreamCommand({ modelId, body: JSON.stringify(body), contentType: step.contentType ?? 'application/json', accept: step.accept ?? 'application/json' }),
        );
        return await drain(response.body);
      }
      default:
        throw new Error(`no SDK command for ${step.api}`);
    }
  } finally {
    client.destroy();
  }
}

await replayPlan(replay, { errorKey: 'name' });
