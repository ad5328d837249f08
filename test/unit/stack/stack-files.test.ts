import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';

// No Docker engine runs here, so the stack is checked by parsing its files: every reference
// between them must resolve, and the ports must be the ones apps and the README use.
const load = (file: string) => parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) as any;

describe('docker-compose.yml + otel-collector.yaml', () => {
  const compose = load('docker-compose.yml');
  const collector = load('otel-collector.yaml');

  it('publishes OTLP gRPC on 4317 (the default llm-otel exports to) and the Jaeger UI on 16686', () => {
    expect(compose.services['otel-collector'].ports).toContain('4317:4317');
    expect(compose.services.jaeger.ports).toContain('16686:16686');
  });

  it('mounts only files that exist in the repository', () => {
    for (const service of Object.values<any>(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = String(volume).split(':')[0]!;
        expect(fs.existsSync(path.join(REPO_ROOT, source)), source).toBe(true);
      }
    }
  });

  it('wires every pipeline to defined receivers, processors and exporters', () => {
    for (const pipeline of Object.values<any>(collector.service.pipelines)) {
      for (const name of pipeline.receivers) expect(collector.receivers).toHaveProperty([name]);
      for (const name of pipeline.processors) expect(collector.processors).toHaveProperty([name]);
      for (const name of pipeline.exporters) expect(collector.exporters).toHaveProperty([name]);
    }
    expect(collector.receivers.otlp.protocols.grpc.endpoint).toBe('0.0.0.0:4317');
  });

  it('exports traces to the Jaeger and Tempo services by their compose names', () => {
    const traces = collector.service.pipelines.traces.exporters as string[];
    const hosts = traces.map((name) => collector.exporters[name]?.endpoint).filter(Boolean) as string[];
    expect(hosts.map((h) => h.split(':')[0]).sort()).toEqual(['jaeger', 'tempo']);
    for (const host of hosts) expect(compose.services).toHaveProperty([host.split(':')[0]!]);
  });

  it('keeps the memory limiter first in each pipeline, as the collector recommends', () => {
    for (const pipeline of Object.values<any>(collector.service.pipelines)) expect(pipeline.processors[0]).toBe('memory_limiter');
  });
});
