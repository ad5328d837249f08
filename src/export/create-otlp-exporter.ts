// The OTLP exporter of a protocol over any batch type, as the OpenTelemetry packages' trace
// exporters build it (their delegates, transports, retries and OTEL_EXPORTER_OTLP_* handling),
// with the serializer given. Lean on purpose: the export thread starts with this module, so it
// imports neither @opentelemetry/otlp-transformer nor the semantic conventions.
import { OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import { convertLegacyHttpOptions, createOtlpHttpExportDelegate, type OTLPExporterNodeConfigBase } from '@opentelemetry/otlp-exporter-base/node-http';
import { convertLegacyOtlpGrpcOptions, createOtlpGrpcExportDelegate, type OTLPGRPCExporterConfigNode } from '@opentelemetry/otlp-grpc-exporter-base';
import type { IExporterMetricsHelper, IExportTraceServiceResponse, ISerializer } from '@opentelemetry/otlp-transformer';
import type { OtlpProtocol } from '../config/otlp-protocol.js';
import { OTEL_COMPONENT_TYPE_VALUE_OTLP_GRPC_SPAN_EXPORTER, OTEL_COMPONENT_TYPE_VALUE_OTLP_HTTP_SPAN_EXPORTER } from '../semconv.js';

/** An exporter of `Batch`es (spans, or spans already serialized) over `protocol`. */
export function createOtlpExporter<Batch>(
  protocol: OtlpProtocol,
  options: OTLPGRPCExporterConfigNode | OTLPExporterNodeConfigBase,
  serializer: ISerializer<Batch, IExportTraceServiceResponse>,
  metricsHelper: IExporterMetricsHelper<Batch>,
): OTLPExporterBase<Batch> {
  if (protocol === 'grpc') {
    const grpc = options as OTLPGRPCExporterConfigNode;
    return new OTLPExporterBase(
      createOtlpGrpcExportDelegate(
        convertLegacyOtlpGrpcOptions(grpc, 'TRACES'),
        serializer,
        OTEL_COMPONENT_TYPE_VALUE_OTLP_GRPC_SPAN_EXPORTER,
        metricsHelper,
        grpc.selfObsMeterProvider,
        'TraceExportService',
        '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
      ),
    );
  }
  const http = options as OTLPExporterNodeConfigBase;
  const contentType = protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
  return new OTLPExporterBase(
    createOtlpHttpExportDelegate(
      convertLegacyHttpOptions(http, 'TRACES', 'v1/traces', { 'Content-Type': contentType }),
      serializer,
      OTEL_COMPONENT_TYPE_VALUE_OTLP_HTTP_SPAN_EXPORTER,
      metricsHelper,
      http.selfObsMeterProvider,
    ),
  );
}
