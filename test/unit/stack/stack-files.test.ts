import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cliCommands } from '../../../src/cli/commands.js';
import { loadRouterConfig } from '../../../src/router/index.js';
import { REPO_ROOT } from '../../helpers/run-traced-app.js';

// No Docker engine runs here, so the stack is checked by parsing its files: every reference
// between them must resolve, and the ports must be the ones apps and the README use.
const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
// yaml's parse() returns any: each read below is an assertion about the file's shape.
const load = (file: string) => parse(read(file), { merge: true });

const compose = load('docker-compose.yml');
const collector = load('otel-collector.yaml');
const services = compose.services;
/** A collector pipeline: the component names it wires. */
interface Pipeline {
  receivers: string[];
  processors: string[];
  exporters: string[];
}
/** `host:port` or `http://host:port/...` -> [host, port]. */
const hostPort = (text: string): [string, number] => {
  const url = new URL(text.includes('://') ? text : `http://${text}`);
  return [url.hostname, Number(url.port)];
};

describe('docker-compose.yml + otel-collector.yaml', () => {
  it('publishes OTLP gRPC on 4317 (the default llm-otel exports to), the Jaeger UI on 16686 and the router on 8801', () => {
    expect(services['otel-collector'].ports).toContain('4317:4317');
    expect(services.jaeger.ports).toContain('16686:16686');
    expect(services.router.ports).toContain('8801:8801');
  });

  it('bind-mounts only files that exist in the repository, and names every volume it uses', () => {
    for (const [name, service] of Object.entries(services as Record<string, { volumes?: unknown[] }>)) {
      for (const volume of service.volumes ?? []) {
        const source = String(volume).split(':')[0]!;
        if (source.startsWith('./')) expect(fs.existsSync(path.join(REPO_ROOT, source)), `${name}: ${source}`).toBe(true);
        else expect(compose.volumes, `${name}: ${source}`).toHaveProperty([source]);
      }
    }
  });

  it('wires every pipeline to defined receivers, processors and exporters', () => {
    for (const pipeline of Object.values(collector.service.pipelines as Record<string, Pipeline>)) {
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
    for (const host of hosts) expect(services).toHaveProperty([host.split(':')[0]!]);
  });

  it('keeps the memory limiter first in each pipeline, as the collector recommends', () => {
    for (const pipeline of Object.values(collector.service.pipelines as Record<string, Pipeline>)) expect(pipeline.processors[0]).toBe('memory_limiter');
  });

  it('runs Jaeger v2 without the v1 COLLECTOR_OTLP_ENABLED switch', () => {
    expect(services.jaeger.image).toMatch(/^jaegertracing\/jaeger:2\./);
    expect(JSON.stringify(services.jaeger)).not.toContain('COLLECTOR_OTLP_ENABLED');
  });

  it('hands Tempo its storage before it starts (Tempo runs as 10001), on the path tempo.yaml writes to', () => {
    const init = services['tempo-init'];
    expect(init.user).toBe('root');
    expect(init.entrypoint).toEqual(['chown', '10001:10001', '/var/tempo']);
    expect(init.image).toBe(services.tempo.image);
    expect(services.tempo.depends_on['tempo-init']).toEqual({ condition: 'service_completed_successfully' });
    const mount = (service: { volumes: string[] }) => (service.volumes as string[]).find((v) => v.endsWith(':/var/tempo'));
    expect(mount(init)).toBe(mount(services.tempo));
    const storage = load('tempo.yaml').storage.trace;
    for (const dir of [storage.local.path, storage.wal.path]) expect(dir.startsWith('/var/tempo/')).toBe(true);
  });
});

describe('the router in the stack', () => {
  const router = services.router;
  const config = loadRouterConfig(path.join(REPO_ROOT, 'router-config.yaml'), { env: {} });

  it('is built from the repository Dockerfile, which runs the router as an unprivileged user', () => {
    expect(router.build).toBe('.');
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^FROM node:24-slim AS build$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "dist\/cli\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/^COPY register\.js router-config\.yaml \.\/$/m);
  });

  it('reads the mounted router-config.yaml and listens on all interfaces of its container', () => {
    const [, target] = (router.volumes as string[]).find((v) => v.startsWith('./router-config.yaml:'))!.split(':');
    expect(router.command).toEqual(['router', '--config', target, '--host', '0.0.0.0', '--port', '8801']);
  });

  it('has a health check on /ready, and starts after healthy backends', () => {
    expect(router.healthcheck.test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(router.healthcheck.test[3]).toContain('http://127.0.0.1:8801/ready');
    for (const backend of ['mock-llm-a', 'mock-llm-b']) expect(router.depends_on[backend]).toEqual({ condition: 'service_healthy' });
  });

  it('calls backends that are compose services running the mock server on the configured port, each with a health check', () => {
    for (const endpoint of config.endpoints.values()) {
      const service = services[endpoint.address];
      expect(service, endpoint.address).toBeDefined();
      expect(service.command).toEqual(['mock-server', '--host', '0.0.0.0', '--port', String(endpoint.port)]);
      expect(service.healthcheck.test.join(' ')).toContain(`connect(${endpoint.port}`);
    }
    expect(cliCommands).toHaveProperty('mock-server');
    const [embeddingHost, embeddingPort] = hostPort(config.embeddingEndpoint!.baseUrl);
    expect(services[embeddingHost].command).toContain(String(embeddingPort));
  });

  it('sends its traces to the collector service', () => {
    const [host, port] = hostPort(config.tracing.exporter.endpoint ?? '');
    expect(services).toHaveProperty([host]);
    expect(services[host].ports).toContain(`${port}:${port}`);
  });

  it('has keyword and embedding rules, the cache and two backends', () => {
    expect(config.endpoints.size).toBe(2);
    expect(config.keywordRules.length).toBeGreaterThan(0);
    expect(config.embeddingRules.length).toBeGreaterThan(0);
    expect(config.decisions.flatMap((d) => d.conditions.map((c) => c.type)).sort()).toEqual(['embedding', 'keyword']);
    expect(config.semanticCache.enabled).toBe(true);
  });

  it('has an example app that calls the router with model auto, traced, once the router is healthy', () => {
    const app = services.app;
    expect(app.entrypoint).toEqual(['node', '--import', './register.js', 'examples/through-router.mjs']);
    expect(fs.existsSync(path.join(REPO_ROOT, 'examples/through-router.mjs'))).toBe(true);
    expect(read('examples/through-router.mjs')).toContain("model: 'auto'");
    expect(app.environment).toContain('ROUTER_URL=http://router:8801');
    expect(app.environment).toContain('OTLP_ENDPOINT=http://otel-collector:4317');
    expect(app.depends_on.router).toEqual({ condition: 'service_healthy' });
  });

  it('names the upstream compose example each service follows', () => {
    const text = read('docker-compose.yml');
    for (const source of ['opentelemetry-collector-contrib', 'jaegertracing/jaeger', 'grafana/tempo']) expect(text).toContain(source);
    expect(text).toMatch(/#\s+vllm:/);
  });
});
