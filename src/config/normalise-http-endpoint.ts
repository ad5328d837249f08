/**
 * Endpoints for OTLP/HTTP: a URL with an http or https scheme, any path (the spec's signal paths
 * are added later, see otlp-protocol.ts). `host:port` without a scheme is accepted as for gRPC,
 * the `insecure` flag picking the scheme. Credentials in the URL are refused: headers carry them.
 */
import type { OtlpEndpoint } from './normalise-otlp-endpoint.js';

export const HTTP_ENDPOINT_ALLOWED = 'an http:// or https:// URL (a path is allowed), or host:port';

const SCHEME_PREFIX = /^[a-z][a-z0-9+.-]*:\/\//i;

export function normaliseHttpEndpoint(raw: string, insecureWhenNoScheme: boolean): OtlpEndpoint | undefined {
  const text = raw.trim();
  const schemeGiven = SCHEME_PREFIX.test(text);
  let url: URL;
  try {
    url = new URL(schemeGiven ? text : `${insecureWhenNoScheme ? 'http' : 'https'}://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return undefined;
  // `host` without a port parses as a URL too; without a scheme we want the port written out.
  if (!schemeGiven && url.port === '') return undefined;
  return { url: url.toString().replace(/\/$/, ''), insecure: url.protocol === 'http:', schemeGiven };
}
