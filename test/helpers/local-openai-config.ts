/**
 * The YAML the fault and e2e apps run under: spans to a local collector, metrics off, and the
 * in-process server on 127.0.0.1 mapped to OpenAI. `tracingLines` adds keys to the tracing block
 * (each written as it goes, indented under `tracing:`).
 */
export function localOpenAiConfigYaml(collectorEndpoint: string, tracingLines: readonly string[] = []): string {
  return [
    'observability:',
    '  tracing:',
    `    exporter: { endpoint: "${collectorEndpoint}" }`,
    ...tracingLines.map((line) => `    ${line}`),
    '    metrics: { enabled: false }',
    '    providers:',
    '      - { host: "127.0.0.1", provider: openai, api: openai }',
    '',
  ].join('\n');
}
