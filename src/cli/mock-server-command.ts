import { once } from 'node:events';
import { parseArgs } from 'node:util';

import { CliUsageError, type CliCommand } from './cli-command.js';
import { startMockLlmServer } from '../mock-server/mock-llm-server.js';

/**
 * `llm-otel mock-server`: the local OpenAI-compatible server of the demo as a service of its own,
 * the backend of the compose stack (a stand-in for vLLM when no GPU is at hand).
 */
export const mockServerCommand: CliCommand = {
  summary: 'serve a deterministic OpenAI-compatible API (chat, streams, embeddings) for local stacks',
  usage: '[--port N] [--host H]   (default 127.0.0.1:8000)',
  async run(args, io) {
    let values: { host?: string; port?: string };
    try {
      ({ values } = parseArgs({ args, options: { host: { type: 'string' }, port: { type: 'string' } }, strict: true }));
    } catch (error) {
      throw new CliUsageError(error instanceof Error ? error.message : String(error));
    }
    const port = values.port === undefined ? 8000 : Number(values.port);
    if (values.port !== undefined && (!/^\d+$/.test(values.port) || port > 65535)) {
      throw new CliUsageError(`--port must be an integer from 0 to 65535, got '${values.port}'`);
    }
    const server = await startMockLlmServer({ host: values.host ?? '127.0.0.1', port });
    io.out(`llm-otel mock-server: listening on ${server.url}\n`);
    if (!io.stopSignal.aborted) await once(io.stopSignal, 'abort');
    await server.close();
    return 0;
  },
};
