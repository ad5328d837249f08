/**
 * The OTLP transports, as `OTEL_EXPORTER_OTLP_PROTOCOL` names them. gRPC stays our default (a
 * local collector on localhost:4317 is what the README and the compose stack set up); the NodeSDK's
 * default is http/protobuf, so a user who names the protocol gets what the NodeSDK would do.
 */
export const OTLP_PROTOCOLS = ['grpc', 'http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];
export const DEFAULT_OTLP_PROTOCOL: OtlpProtocol = 'grpc';
export const OTLP_PROTOCOLS_ALLOWED = `one of ${OTLP_PROTOCOLS.join(', ')}`;

/** The collector endpoint when nothing names one: the port the protocol's spec assigns, on this host. */
export function defaultOtlpEndpoint(protocol: OtlpProtocol): string {
  return protocol === 'grpc' ? 'http://localhost:4317' : 'http://localhost:4318';
}

export function isOtlpProtocol(value: string): value is OtlpProtocol {
  return (OTLP_PROTOCOLS as readonly string[]).includes(value);
}

/**
 * The URL one signal is sent to over OTLP/HTTP, from a base endpoint as the file or OTLP_ENDPOINT
 * gives it. The spec's rule for OTEL_EXPORTER_OTLP_ENDPOINT: a base without a path gets
 * `v1/<signal>` appended. A base with a path is taken as the signal's full URL, as
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is (Langfuse's `.../api/public/otel/v1/traces`); metrics then
 * go to the sibling `v1/metrics` when that path ends in `v1/traces`.
 */
export function httpSignalUrl(base: string, signal: 'traces' | 'metrics'): string {
  const url = new URL(base);
  if (url.pathname === '/' || url.pathname === '') return new URL(`v1/${signal}`, url).toString();
  if (signal === 'metrics' && url.pathname.endsWith('/v1/traces')) {
    url.pathname = url.pathname.replace(/\/v1\/traces$/, '/v1/metrics');
  }
  return url.toString();
}
