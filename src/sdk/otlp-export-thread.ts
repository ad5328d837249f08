// The export thread's program (a worker started by off-thread-span-exporter.ts): sends the span
// batches the app's thread serialized, with the OpenTelemetry exporter of the configured protocol.
// Its sockets, gRPC channel, export timeouts and retry timers live in this thread, whose worker the
// app's thread unrefs: however long an export hangs, none of them keeps the app's process alive.
import { parentPort, workerData } from 'node:worker_threads';
import { ExportResultCode } from '@opentelemetry/core';
import { createOtlpExporter } from '../export/create-otlp-exporter.js';
import type { ExportThreadSetup, FromExportThread, SerializedSpans, ToExportThread } from './export-thread-messages.js';
import { asGrpcOptions } from './otlp-exporter-options.js';

const { protocol, options } = workerData as ExportThreadSetup;
const port = parentPort!;
const exporter = (protocol === 'grpc' ? asGrpcOptions(options) : Promise.resolve(options)).then((exporterOptions) =>
  createOtlpExporter<SerializedSpans>(
    protocol,
    exporterOptions,
    // The response is not read: a partial success is only logged through diag, which this thread
    // has none of, and parsing it would need @opentelemetry/otlp-transformer (~0.5 s to import here).
    { serializeRequest: (batch) => batch.bytes, deserializeResponse: () => ({}) },
    { name: 'span', countItems: (batch) => batch.spans },
  ),
);
const reply = (message: FromExportThread) => port.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error ?? 'export failed'));

port.on('message', (message: ToExportThread) => {
  if (message.kind === 'shutdown') {
    void exporter.then((otlp) => otlp.shutdown()).finally(() => reply({ kind: 'shut-down' }));
    return;
  }
  const { id, batch } = message;
  exporter.then(
    (otlp) =>
      otlp.export(batch, (result) =>
        reply(result.code === ExportResultCode.SUCCESS ? { kind: 'result', id } : { kind: 'result', id, error: messageOf(result.error) }),
      ),
    (error: unknown) => reply({ kind: 'result', id, error: messageOf(error) }),
  );
});
