import protobuf from 'protobufjs';

/*
 * Why a schema lives here: @opentelemetry/otlp-transformer stopped shipping
 * its generated protobufjs root (0.301 encodes with a hand-rolled writer and
 * can only decode export *responses*), and no package in the tree ships the
 * OTLP .proto files. So we describe the request messages to protobufjs,
 * which does the actual decoding.
 *
 * This is the subset of opentelemetry-proto v1.x the receiver reads; protobuf
 * skips fields a schema does not mention, so leaving fields out is safe, but
 * every field number below must match upstream. Enum fields (span kind,
 * status code, aggregation temporality) are declared int32, which is the same varint on the wire and
 * hands us the number the ReceivedSpan type wants. Upstream:
 * https://github.com/open-telemetry/opentelemetry-proto/tree/main/opentelemetry/proto
 */

const COMMON = `
syntax = "proto3";
package opentelemetry.proto.common.v1;
message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }
`;

const RESOURCE = `
syntax = "proto3";
package opentelemetry.proto.resource.v1;
message Resource { repeated opentelemetry.proto.common.v1.KeyValue attributes = 1; }
`;

const TRACE = `
syntax = "proto3";
package opentelemetry.proto.trace.v1;
message ResourceSpans {
  opentelemetry.proto.resource.v1.Resource resource = 1;
  repeated ScopeSpans scope_spans = 2;
}
message ScopeSpans {
  opentelemetry.proto.common.v1.InstrumentationScope scope = 1;
  repeated Span spans = 2;
}
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  bytes parent_span_id = 4;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 9;
  message Event {
    fixed64 time_unix_nano = 1;
    string name = 2;
    repeated opentelemetry.proto.common.v1.KeyValue attributes = 3;
  }
  repeated Event events = 11;
  Status status = 15;
}
message Status { string message = 2; int32 code = 3; }
`;

const METRICS = `
syntax = "proto3";
package opentelemetry.proto.metrics.v1;
message ResourceMetrics {
  opentelemetry.proto.resource.v1.Resource resource = 1;
  repeated ScopeMetrics scope_metrics = 2;
}
message ScopeMetrics {
  opentelemetry.proto.common.v1.InstrumentationScope scope = 1;
  repeated Metric metrics = 2;
}
message Metric {
  string name = 1;
  string description = 2;
  string unit = 3;
  oneof data {
    Gauge gauge = 5;
    Sum sum = 7;
    Histogram histogram = 9;
    Opaque exponential_histogram = 10;
    Opaque summary = 11;
  }
}
// Stands in for message types whose content the receiver does not read.
message Opaque {}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message NumberDataPoint {
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 7;
  fixed64 time_unix_nano = 3;
  oneof value {
    double as_double = 4;
    sfixed64 as_int = 6;
  }
}
message HistogramDataPoint {
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 9;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  optional double sum = 5;
  repeated fixed64 bucket_counts = 6;
  repeated double explicit_bounds = 7;
  optional double min = 11;
  optional double max = 12;
}
`;

// Responses are declared empty: we never set partial_success, and an empty
// message is a valid "everything accepted" answer.
const COLLECTOR_TRACE = `
syntax = "proto3";
package opentelemetry.proto.collector.trace.v1;
message ExportTraceServiceRequest { repeated opentelemetry.proto.trace.v1.ResourceSpans resource_spans = 1; }
message ExportTraceServiceResponse {}
service TraceService { rpc Export(ExportTraceServiceRequest) returns (ExportTraceServiceResponse); }
`;

const COLLECTOR_METRICS = `
syntax = "proto3";
package opentelemetry.proto.collector.metrics.v1;
message ExportMetricsServiceRequest { repeated opentelemetry.proto.metrics.v1.ResourceMetrics resource_metrics = 1; }
message ExportMetricsServiceResponse {}
service MetricsService { rpc Export(ExportMetricsServiceRequest) returns (ExportMetricsServiceResponse); }
`;

// OTLP/HTTP answers a rejected request with a google.rpc.Status body (OTLP spec,
// "OTLP/HTTP Response", failures). `details` (repeated Any) is left out: we never send any.
const RPC_STATUS = `
syntax = "proto3";
package google.rpc;
message Status { int32 code = 1; string message = 2; }
`;

function buildOtlpRoot(): protobuf.Root {
  const root = new protobuf.Root();
  for (const source of [COMMON, RESOURCE, TRACE, METRICS, COLLECTOR_TRACE, COLLECTOR_METRICS, RPC_STATUS]) {
    protobuf.parse(source, root);
  }
  root.resolveAll();
  return root;
}

const otlpRoot = buildOtlpRoot();

export const ExportTraceServiceRequest = otlpRoot.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
);
export const ExportTraceServiceResponse = otlpRoot.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
);
export const TraceService = otlpRoot.lookupService('opentelemetry.proto.collector.trace.v1.TraceService');

export const ExportMetricsServiceRequest = otlpRoot.lookupType(
  'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest',
);
export const ExportMetricsServiceResponse = otlpRoot.lookupType(
  'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse',
);
export const MetricsService = otlpRoot.lookupService('opentelemetry.proto.collector.metrics.v1.MetricsService');

export const RpcStatus = otlpRoot.lookupType('google.rpc.Status');

/**
 * Options for `Type.toObject` shared by the decoders: 64-bit integers as
 * decimal strings (so fixed64 nanosecond timestamps survive intact and can
 * become bigint) and `oneofs` so the decoders can tell which member is set.
 */
export const OTLP_TO_OBJECT_OPTIONS: protobuf.IConversionOptions = {
  longs: String,
  enums: Number,
  oneofs: true,
  defaults: false,
};
