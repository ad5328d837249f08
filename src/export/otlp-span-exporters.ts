// OTLP span exporters that send with the OpenTelemetry packages' own delegates and transports
// (retries, headers, timeouts, compression, OTEL_EXPORTER_OTLP_* variables all stay theirs) and
// serialize with ours (otlp-trace-serializer.ts): the exporter classes of
// @opentelemetry/exporter-trace-otlp-grpc and -proto with one part swapped.
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import { convertLegacyHttpOptions, createOtlpHttpExportDelegate, type OTLPExporterNodeConfigBase } from '@opentelemetry/otlp-exporter-base/node-http';
import { convertLegacyOtlpGrpcOptions, createOtlpGrpcExportDelegate, type OTLPGRPCExporterConfigNode } from '@opentelemetry/otlp-grpc-exporter-base';
import { TraceExporterMetricsHelper } from '@opentelemetry/otlp-transformer';
import {
  OTEL_COMPONENT_TYPE_VALUE_OTLP_GRPC_SPAN_EXPORTER,
  OTEL_COMPONENT_TYPE_VALUE_OTLP_HTTP_SPAN_EXPORTER,
} from '@opentelemetry/semantic-conventions/incubating';
import { fastTraceSerializer } from './otlp-trace-serializer.js';

/** The OTLP protocols a span exporter can speak (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL's protobuf ones). */
export type OtlpSpanProtocol = 'grpc' | 'http/protobuf';

class OtlpGrpcSpanExporter extends OTLPExporterBase<ReadableSpan[]> implements SpanExporter {
  constructor(config: OTLPGRPCExporterConfigNode = {}) {
    super(
      createOtlpGrpcExportDelegate(
        convertLegacyOtlpGrpcOptions(config, 'TRACES'),
        fastTraceSerializer,
        OTEL_COMPONENT_TYPE_VALUE_OTLP_GRPC_SPAN_EXPORTER,
        TraceExporterMetricsHelper,
        config.selfObsMeterProvider,
        'TraceExportService',
        '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
      ),
    );
  }
}

class OtlpHttpProtobufSpanExporter extends OTLPExporterBase<ReadableSpan[]> implements SpanExporter {
  constructor(config: OTLPExporterNodeConfigBase = {}) {
    super(
      createOtlpHttpExportDelegate(
        convertLegacyHttpOptions(config, 'TRACES', 'v1/traces', { 'Content-Type': 'application/x-protobuf' }),
        fastTraceSerializer,
        OTEL_COMPONENT_TYPE_VALUE_OTLP_HTTP_SPAN_EXPORTER,
        TraceExporterMetricsHelper,
        config.selfObsMeterProvider,
      ),
    );
  }
}

/**
 * An OTLP span exporter for `protocol`, configured as the package's own exporter for that protocol
 * is (`new OTLPTraceExporter(options)` of exporter-trace-otlp-grpc or exporter-trace-otlp-proto).
 */
export function createOtlpSpanExporter(protocol: 'grpc', options?: OTLPGRPCExporterConfigNode): SpanExporter;
export function createOtlpSpanExporter(protocol: 'http/protobuf', options?: OTLPExporterNodeConfigBase): SpanExporter;
export function createOtlpSpanExporter(protocol: OtlpSpanProtocol, options: OTLPGRPCExporterConfigNode | OTLPExporterNodeConfigBase = {}): SpanExporter {
  if (protocol === 'grpc') return new OtlpGrpcSpanExporter(options as OTLPGRPCExporterConfigNode);
  return new OtlpHttpProtobufSpanExporter(options as OTLPExporterNodeConfigBase);
}
