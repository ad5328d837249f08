/**
 * Turns the endpoint spellings people use for an OTLP/gRPC collector (`host:port`,
 * `http://host:port`, `https://host:port`) into one URL string. The gRPC exporter decides TLS from
 * the URL scheme, so a scheme the user wrote wins over the `insecure` flag; without a scheme the
 * flag picks it.
 */

export const OTLP_ENDPOINT_ALLOWED =
  'host:port, http://host:port or https://host:port, with a port from 1 to 65535';

export interface OtlpEndpoint {
  /** `http://host:port` or `https://host:port`, port always written out. */
  readonly url: string;
  /** True for plaintext (`http://`). */
  readonly insecure: boolean;
  /** Whether the input named its scheme, i.e. whether `insecure` came from the input or the flag. */
  readonly schemeGiven: boolean;
}

const SCHEME_PREFIX = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i;
const HOST_AND_PORT = /^(.+):(\d{1,5})$/;
// A gRPC target has no path, query, fragment or credentials; one trailing slash is tolerated
// because `http://collector:4317/` is a common copy-paste.
const NOT_IN_AUTHORITY = /[/?#@\s]/;

/** Returns undefined when `raw` is not an endpoint we accept. */
export function normaliseOtlpEndpoint(raw: string, insecureWhenNoScheme: boolean): OtlpEndpoint | undefined {
  const text = raw.trim();
  const schemeMatch = SCHEME_PREFIX.exec(text);
  const scheme = schemeMatch ? schemeMatch[1].toLowerCase() : insecureWhenNoScheme ? 'http' : 'https';
  if (scheme !== 'http' && scheme !== 'https') return undefined;

  const authority = (schemeMatch ? schemeMatch[2] : text).replace(/\/$/, '');
  if (NOT_IN_AUTHORITY.test(authority)) return undefined;
  const hostAndPort = HOST_AND_PORT.exec(authority);
  if (!hostAndPort) return undefined;
  const port = Number(hostAndPort[2]);
  if (port < 1 || port > 65535) return undefined;

  // The port is matched by hand above because URL drops default ports (`http://h:80` has port '');
  // URL still checks the host and canonicalises it (case, IPv6 brackets, IDN).
  let hostname: string;
  try {
    hostname = new URL(`${scheme}://${hostAndPort[1]}`).hostname;
  } catch {
    return undefined;
  }
  if (hostname === '') return undefined;
  return { url: `${scheme}://${hostname}:${port}`, insecure: scheme === 'http', schemeGiven: schemeMatch !== null };
}
