// The export thread's program (a worker started by export-thread.ts): sends what the app's thread
// hands it with the OpenTelemetry exporter of each request's signal and protocol, made on the
// first request of that setup: span batches the app's thread serialized, metric exports as
// sdk-metrics collected them. Its sockets, gRPC channel,
// export timeouts and retry timers live in this thread, whose worker the app's thread unrefs:
// however long an export hangs, none of them keeps the app's process alive.
import { parentPort } from 'node:worker_threads';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ClonedResourceMetrics, ExportRequest, ExportThreadSetup, FromExportThread, SerializedSpans, ToExportThread } from './export-thread-messages.js';
import { asGrpcOptions, type OtlpExporterOptions } from './otlp-exporter-options.js';

interface RequestExporter {
  export(request: ExportRequest, done: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
}

const port = parentPort!;

async function spanExporter({ protocol }: ExportThreadSetup, exporterOptions: OtlpExporterOptions): Promise<RequestExporter> {
  const { createOtlpExporter } = await import('../export/create-otlp-exporter.js');
  const otlp = createOtlpExporter<SerializedSpans>(
    protocol,
    exporterOptions,
    // The response is not read: a partial success is only logged through diag, which this thread
    // has none of, and parsing it would need @opentelemetry/otlp-transformer (~0.5 s to import here).
    { serializeRequest: (batch) => batch.bytes, deserializeResponse: () => ({}) },
    { name: 'span', countItems: (batch) => batch.spans },
  );
  return { export: (request, done) => otlp.export(request as SerializedSpans, done), shutdown: () => otlp.shutdown() };
}

/** The metric exporter package of the protocol; the resource is rebuilt from what crossed. */
async function metricExporter({ protocol }: ExportThreadSetup, exporterOptions: OtlpExporterOptions): Promise<RequestExporter> {
  const [{ resourceFromAttributes }, { OTLPMetricExporter }] = await Promise.all([
    import('@opentelemetry/resources'),
    protocol === 'grpc'
      ? import('@opentelemetry/exporter-metrics-otlp-grpc')
      : protocol === 'http/json'
        ? import('@opentelemetry/exporter-metrics-otlp-http')
        : import('@opentelemetry/exporter-metrics-otlp-proto'),
  ]);
  const otlp = new OTLPMetricExporter(exporterOptions);
  return {
    export(request, done) {
      const { resource, scopeMetrics } = request as ClonedResourceMetrics;
      otlp.export({ resource: resourceFromAttributes(resource.attributes, { schemaUrl: resource.schemaUrl }), scopeMetrics }, done);
    },
    shutdown: () => otlp.shutdown(),
  };
}

/** One exporter per setup (the signal, protocol and options of the app's span or metric exporter). */
const exporters = new Map<string, Promise<RequestExporter>>();

function exporterFor(setup: ExportThreadSetup): Promise<RequestExporter> {
  const key = JSON.stringify(setup);
  let exporter = exporters.get(key);
  if (!exporter) {
    exporter = (setup.protocol === 'grpc' ? asGrpcOptions(setup.options) : Promise.resolve(setup.options)).then((exporterOptions) =>
      setup.signal === 'metrics' ? metricExporter(setup, exporterOptions) : spanExporter(setup, exporterOptions),
    );
    exporters.set(key, exporter);
  }
  return exporter;
}
const reply = (message: FromExportThread) => port.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error ?? 'export failed'));

port.on('message', (message: ToExportThread) => {
  if (message.kind === 'shutdown') {
    const shutdowns = [...exporters.values()].map((exporter) => exporter.then((otlp) => otlp.shutdown()));
    void Promise.allSettled(shutdowns).finally(() => reply({ kind: 'shut-down' }));
    return;
  }
  if (message.kind === 'prepare') {
    // A failure to load is answered on the first export.
    exporterFor(message.setup).catch(() => {});
    return;
  }
  const { id, setup, request } = message;
  exporterFor(setup).then(
    (otlp) =>
      otlp.export(request, (result) =>
        reply(result.code === ExportResultCode.SUCCESS ? { kind: 'result', id } : { kind: 'result', id, error: messageOf(result.error) }),
      ),
    (error: unknown) => reply({ kind: 'result', id, error: messageOf(error) }),
  );
});
