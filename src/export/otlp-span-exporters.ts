// OTLP span exporters that send with the OpenTelemetry packages' own delegates and transports
// (retries, headers, timeouts, compression, OTEL_EXPORTER_OTLP_* variables all stay theirs) and
// serialize with ours (otlp-trace-serializer.ts): the exporter classes of
// @opentelemetry/exporter-trace-otlp-grpc and -proto with one part swapped.
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { OTLPExporterNodeConfigBase } from '@opentelemetry/otlp-exporter-base/node-http';
import type { OTLPGRPCExporterConfigNode } from '@opentelemetry/otlp-grpc-exporter-base';
import { ProtobufTraceSerializer, TraceExporterMetricsHelper, type IExportTraceServiceResponse, type ISerializer } from '@opentelemetry/otlp-transformer';
import { createOtlpExporter } from './create-otlp-exporter.js';
import { serializeTraceRequest } from './otlp-trace-serializer.js';

/**
 * The serializer for the exporters' delegates: our request writer, the package's response reader.
 * Here, not beside the writer: the app's thread imports the writer alone (off-thread-span-exporter.ts),
 * and @opentelemetry/otlp-transformer would bring ~180 modules with it (ESM copies of the API,
 * core, resources and sdk-metrics), a ~300 ms stall of the app's event loop soon after start.
 */
export const fastTraceSerializer: ISerializer<ReadableSpan[], IExportTraceServiceResponse> = {
  serializeRequest: serializeTraceRequest,
  deserializeResponse: (data) => ProtobufTraceSerializer.deserializeResponse(data),
};

/**
 * An OTLP span exporter for `protocol`, configured as the package's own exporter for that protocol
 * is (`new OTLPTraceExporter(options)` of exporter-trace-otlp-grpc or exporter-trace-otlp-proto).
 */
export function createOtlpSpanExporter(protocol: 'grpc', options?: OTLPGRPCExporterConfigNode): SpanExporter;
export function createOtlpSpanExporter(protocol: 'http/protobuf', options?: OTLPExporterNodeConfigBase): SpanExporter;
export function createOtlpSpanExporter(protocol: 'grpc' | 'http/protobuf', options: OTLPGRPCExporterConfigNode | OTLPExporterNodeConfigBase = {}): SpanExporter {
  return createOtlpExporter<ReadableSpan[]>(protocol, options, fastTraceSerializer, TraceExporterMetricsHelper);
}
