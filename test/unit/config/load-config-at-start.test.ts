import { afterEach, describe, expect, it } from 'vitest';

import { DEFAULT_TRACING_BLOCK } from '../../../src/config/default-tracing-block.js';
import { loadTracingConfigAtStart } from '../../../src/config/load-config-at-start.js';
import { loadTracingConfig } from '../../../src/config/load-config.js';
import { tracingBlockSchema } from '../../../src/config/schema.js';
import { makeTempDir, removeTempDirs, writeFile } from './temp-config-dir.js';

afterEach(removeTempDirs);

/** What each loader gives for the same directory and environment: the config, or the error's text. */
async function bothLoaders(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const outcome = async (load: () => unknown) => {
    try {
      return { config: await load() };
    } catch (error) {
      return { error: String(error) };
    }
  };
  return { sync: await outcome(() => loadTracingConfig({ cwd, env })), atStart: await outcome(() => loadTracingConfigAtStart({ cwd, env })) };
}

describe('loadTracingConfigAtStart (register, no schema without a file)', () => {
  it('starts from the very block the schema gives for no file', () => {
    expect(DEFAULT_TRACING_BLOCK).toEqual(tracingBlockSchema.parse(undefined));
  });

  it('gives what loadTracingConfig gives, with and without a file, valid or not, under the environment', async () => {
    const cases: Array<[string, string | undefined, NodeJS.ProcessEnv]> = [
      ['no file', undefined, {}],
      ['no file, environment', undefined, { OTEL_SERVICE_NAME: 'svc', OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' }],
      ['no file, bad environment', undefined, { OTEL_TRACES_SAMPLER_ARG: '2' }],
      ['a file without the block', 'router:\n  port: 8801\n', {}],
      ['a full block', 'observability:\n  tracing:\n    sampling: { type: probabilistic, rate: 0.25 }\n    capture_content: true\n    exporter: { protocol: http/json }\n', { OTEL_SERVICE_NAME: 'svc' }],
      ['a bad block', 'observability:\n  tracing:\n    sampling: { rate: 7 }\n', {}],
    ];
    for (const [name, file, env] of cases) {
      const dir = makeTempDir();
      if (file !== undefined) writeFile(dir, 'llm-otel.yaml', file);
      const { sync, atStart } = await bothLoaders(dir, env);
      expect(atStart, name).toEqual(sync);
    }
  });
});
