import { credentials } from '@grpc/grpc-js';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { ExporterConfig } from '../config/types.js';

export function createSpanExporter(exporter: ExporterConfig): SpanExporter {
  if (exporter.type === 'stdout') return new ConsoleSpanExporter();
  return new OTLPTraceExporter({
    url: exporter.endpoint,
    credentials: exporter.insecure ? credentials.createInsecure() : credentials.createSsl(),
    timeoutMillis: exporter.timeoutMs,
  });
}
