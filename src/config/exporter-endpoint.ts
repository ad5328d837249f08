/**
 * One rule for an endpoint the file or OTLP_ENDPOINT names, whatever the protocol: gRPC takes a
 * bare `host:port` target, OTLP/HTTP a URL whose path may be the signal's full path. Used by the
 * schema (for the file's protocol) and again after the environment changed the protocol.
 */
import { HTTP_ENDPOINT_ALLOWED, normaliseHttpEndpoint } from './normalise-http-endpoint.js';
import { OTLP_ENDPOINT_ALLOWED, normaliseOtlpEndpoint, type OtlpEndpoint } from './normalise-otlp-endpoint.js';
import { defaultOtlpEndpoint, type OtlpProtocol } from './otlp-protocol.js';

export type CheckedEndpoint =
  | { readonly ok: true; readonly endpoint: OtlpEndpoint }
  | { readonly ok: false; readonly key: 'endpoint' | 'insecure'; readonly allowed: string };

export function endpointAllowed(protocol: OtlpProtocol): string {
  return protocol === 'grpc' ? OTLP_ENDPOINT_ALLOWED : HTTP_ENDPOINT_ALLOWED;
}

export function normaliseEndpoint(protocol: OtlpProtocol, raw: string, insecureWhenNoScheme: boolean): OtlpEndpoint | undefined {
  return protocol === 'grpc' ? normaliseOtlpEndpoint(raw, insecureWhenNoScheme) : normaliseHttpEndpoint(raw, insecureWhenNoScheme);
}

/** Plaintext unless told otherwise: the default collector is a local one. */
export function exporterEndpoint(protocol: OtlpProtocol, raw: string | undefined, insecure: boolean | undefined): CheckedEndpoint {
  const endpoint = normaliseEndpoint(protocol, raw ?? defaultOtlpEndpoint(protocol), insecure ?? true);
  if (!endpoint) return { ok: false, key: 'endpoint', allowed: endpointAllowed(protocol) };
  if (endpoint.schemeGiven && insecure !== undefined && insecure !== endpoint.insecure) {
    const scheme = endpoint.insecure ? 'http://' : 'https://';
    return { ok: false, key: 'insecure', allowed: `${endpoint.insecure} or no value, because the endpoint starts with ${scheme}` };
  }
  return { ok: true, endpoint };
}
