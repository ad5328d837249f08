/**
 * The OTLP trace Export method as a gRPC service that hands the handler the request's raw bytes:
 * the fault collectors scan or count what arrives without decoding it first.
 */
const passThrough = (bytes: Buffer): Buffer => bytes;

export const RAW_TRACE_EXPORT_SERVICE = {
  Export: {
    path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
    requestStream: false,
    responseStream: false,
    requestSerialize: passThrough,
    requestDeserialize: passThrough,
    responseSerialize: passThrough,
    responseDeserialize: passThrough,
  },
};
