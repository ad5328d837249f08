import { describe } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { isOpenAiCompatible, openAiDriver } from './drivers/openai-driver.js';
import { okUnlessErrorStatus, operationAndModelIfAny, standardReplayTests, useReplay } from './replay-suite.js';

const fixtures = listFixtures(isOpenAiCompatible);

/**
 * Every OpenAI-compatible recording through the `openai` SDK 7.x (gzip responses, as the API
 * sends them), 6.x (streams split into 37-byte chunks, to hosts nobody mapped: the provider is
 * then `openai` except where the path names Azure) and raw fetch, each in a child process under
 * `--import ./register.js`, spans received over OTLP/gRPC.
 */
describe.each([
  ['openai7', { compress: true }],
  ['openai6', { chunkBytes: 37, unmapped: true }],
  ['fetch', {}],
] as const)('OpenAI-compatible recordings through %s', (client, serverOptions) => {
  const replay = useReplay(openAiDriver(client), fixtures, serverOptions);

  standardReplayTests(replay, fixtures, {
    // The SDK throws on an error status; fetch (also the SDK's fallback for a call it lacks) resolves.
    result: (fixture, via) => (via === 'fetch' ? { ok: true } : okUnlessErrorStatus(fixture)),
    // Some operations (e.g. Assistants runs) name no model in the request.
    spanName: operationAndModelIfAny,
    unchangedBytes: client === 'fetch',
  });
});
