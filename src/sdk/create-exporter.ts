import { credentials } from '@grpc/grpc-js';
import { ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { ExporterConfig } from '../config/types.js';
import { createOtlpSpanExporter } from '../export/otlp-span-exporters.js';

export function createSpanExporter(exporter: ExporterConfig): SpanExporter {
  if (exporter.type === 'stdout') return new ConsoleSpanExporter();
  return createOtlpSpanExporter('grpc', {
    url: exporter.endpoint,
    credentials: exporter.insecure ? credentials.createInsecure() : credentials.createSsl(),
    timeoutMillis: exporter.timeoutMs,
  });
}
