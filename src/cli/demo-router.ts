import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The router of `llm-otel demo`: `llm-otel router` as its own process (as in the compose stack),
 * in front of the demo's local LLM server, exporting to the demo's viewer. Its configuration is
 * written to a temporary file: one keyword rule and decision, so the trace shows the stages.
 */
export interface DemoRouter {
  readonly url: string;
  /** SIGTERM (the router flushes its spans), then removes the configuration. */
  stop(): Promise<void>;
}

const STARTUP_LIMIT_MS = 15_000;

function demoRouterConfig(backendPort: number, otlpPort: number): string {
  return `observability:
  tracing:
    exporter: { endpoint: "http://127.0.0.1:${otlpPort}" }
    resource: { service_name: llm-otel-router }
vllm_endpoints:
  - { name: local-llm, address: 127.0.0.1, port: ${backendPort} }
model_config:
  gpt-4o-mini: { preferred_endpoints: [local-llm] }
  text-embedding-3-small: { preferred_endpoints: [local-llm] }
default_model: gpt-4o-mini
keyword_rules:
  - { name: greeting, operator: OR, keywords: ["\\\\bhello\\\\b", "\\\\bhi\\\\b"] }
decisions:
  - name: greeting
    priority: 10
    rules: { operator: OR, conditions: [{ type: keyword, name: greeting }] }
    modelRefs: [{ model: gpt-4o-mini }]
    plugins:
      - { type: system_prompt, configuration: { system_prompt: "You are a friendly assistant." } }
`;
}

export async function startDemoRouter(cli: string, backendPort: number, otlpPort: number, onError: (text: string) => void): Promise<DemoRouter> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-otel-demo-'));
  const file = path.join(dir, 'router-config.yaml');
  fs.writeFileSync(file, demoRouterConfig(backendPort, otlpPort));
  const env = { ...process.env };
  // The demo's file decides where the router's spans go, whatever the shell exports.
  for (const name of ['OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_SERVICE_NAME']) delete env[name];
  const child = spawn(process.execPath, [cli, 'router', '--config', file, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  child.stderr.on('data', (chunk: Buffer) => onError(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanUp = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('the router did not start')), STARTUP_LIMIT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      void exited.then(() => reject(new Error('the router exited before it was ready')));
    });
    return {
      url,
      async stop() {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STARTUP_LIMIT_MS);
        await exited;
        clearTimeout(timer);
        cleanUp();
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    cleanUp();
    throw error;
  }
}
