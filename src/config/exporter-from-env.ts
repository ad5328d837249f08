/**
 * The span exporter's settings: the file's, then the standard OTEL_* variables over them. Where the
 * OTLP exporter reads a variable itself (headers, compression, certificates, and over HTTP the
 * endpoint variables with the spec's path rules), it is left to the exporter and only checked here,
 * so llm-otel and the NodeSDK cannot read one variable two ways.
 */
import { ConfigError } from './config-error.js';
import type { EnvVariableName } from './env-variables.js';
import { exporterEndpoint, endpointAllowed, normaliseEndpoint } from './exporter-endpoint.js';
import { OTLP_PROTOCOLS_ALLOWED, isOtlpProtocol, httpSignalUrl, type OtlpProtocol } from './otlp-protocol.js';
import { envError, readEnvNumber, readEnvString } from './read-env.js';
import { renderFoundValue } from './render-found-value.js';
import type { FileExporterBlock } from './schema.js';
import type { ExporterConfig, ExporterType } from './types.js';

const TRACES_EXPORTERS: ReadonlyMap<string, ExporterType> = new Map<string, ExporterType>([
  ['otlp', 'otlp'],
  ['console', 'stdout'],
  ['none', 'none'],
]);
const A_TIMEOUT = 'a positive number of milliseconds';

/** `grpc`, `http/protobuf` or `http/json` from the signal's variable, else the general one, else `fallback`. */
export function protocolFromEnv(env: NodeJS.ProcessEnv, signalVariable: EnvVariableName, fallback: OtlpProtocol): OtlpProtocol {
  for (const name of [signalVariable, 'OTEL_EXPORTER_OTLP_PROTOCOL'] as const) {
    const raw = readEnvString(env, name);
    if (raw === undefined) continue;
    const value = raw.trim().toLowerCase();
    if (!isOtlpProtocol(value)) throw envError(name, raw, OTLP_PROTOCOLS_ALLOWED);
    return value;
  }
  return fallback;
}

/** A value of an OTEL_*_ENDPOINT variable must be a URL with a scheme, as the spec and the exporters require. */
export function checkOtelEndpointVariable(env: NodeJS.ProcessEnv, name: EnvVariableName): string | undefined {
  const raw = readEnvString(env, name);
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw envError(name, raw, 'an http:// or https:// URL');
  }
  return raw.trim();
}

function typeFromEnv(env: NodeJS.ProcessEnv, fallback: ExporterType): ExporterType {
  const raw = readEnvString(env, 'OTEL_TRACES_EXPORTER');
  if (raw === undefined) return fallback;
  // The NodeSDK accepts a list; we send to one place, so one name (or `none`) is accepted.
  const type = TRACES_EXPORTERS.get(raw.trim().toLowerCase());
  if (type === undefined) throw envError('OTEL_TRACES_EXPORTER', raw, `one of ${[...TRACES_EXPORTERS.keys()].join(', ')}`);
  return type;
}

function headersFromVariables(file: FileExporterBlock, env: NodeJS.ProcessEnv, source: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, variable] of Object.entries(file.headerVariables)) {
    const value = env[variable];
    if (value === undefined || value.trim() === '') {
      throw new ConfigError({
        file: source,
        keyPath: `observability.tracing.exporter.headers.${name}`,
        // The variable's name only: its value is a secret and is never printed.
        found: `{ env: ${renderFoundValue(variable)} }, and that variable is not set`,
        allowed: 'an environment variable that is set to the header value',
      });
    }
    headers[name] = value;
  }
  return headers;
}

export function exporterFromEnv(file: FileExporterBlock, env: NodeJS.ProcessEnv, source: string): ExporterConfig {
  const protocol = protocolFromEnv(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', file.protocol);
  const timeoutMs =
    readEnvNumber(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', A_TIMEOUT, (value) => value > 0) ??
    readEnvNumber(env, 'OTEL_EXPORTER_OTLP_TIMEOUT', A_TIMEOUT, (value) => value > 0) ??
    file.timeoutMs;
  const base = { type: typeFromEnv(env, file.type), protocol, timeoutMs, headers: headersFromVariables(file, env, source) };

  const short = readEnvString(env, 'OTLP_ENDPOINT');
  if (short !== undefined) {
    // Without a scheme, keep the file's choice of TLS; with one, the scheme decides (as in the exporter).
    const endpoint = normaliseEndpoint(protocol, short, file.insecure ?? true);
    if (!endpoint) throw envError('OTLP_ENDPOINT', short, endpointAllowed(protocol));
    return { ...base, endpoint: signalUrl(protocol, endpoint.url), insecure: endpoint.insecure };
  }
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT'] as const) {
    const raw = readEnvString(env, name);
    if (raw === undefined) continue;
    if (protocol === 'grpc') {
      // A gRPC target has no path, so both variables mean the same; `host:port` is accepted as in the file.
      const endpoint = normaliseEndpoint(protocol, raw, file.insecure ?? true);
      if (!endpoint) throw envError(name, raw, endpointAllowed(protocol));
      return { ...base, endpoint: endpoint.url, insecure: endpoint.insecure };
    }
    // Over HTTP the exporter reads the variables itself (signal-specific as-is, the general one + /v1/traces).
    const url = checkOtelEndpointVariable(env, name);
    return { ...base, insecure: url?.startsWith('http:') ?? true };
  }
  const checked = exporterEndpoint(protocol, file.endpoint, file.insecure);
  if (!checked.ok) {
    throw new ConfigError({
      file: source,
      keyPath: `observability.tracing.exporter.${checked.key}`,
      found: `${renderFoundValue(checked.key === 'endpoint' ? file.endpoint : file.insecure)} (with protocol ${protocol} from the environment)`,
      allowed: checked.allowed,
    });
  }
  return { ...base, endpoint: signalUrl(protocol, checked.endpoint.url), insecure: checked.endpoint.insecure };
}

/** The traces URL: the gRPC target as it is; over HTTP the base gets the spec's signal path. */
function signalUrl(protocol: OtlpProtocol, url: string): string {
  return protocol === 'grpc' ? url : httpSignalUrl(url, 'traces');
}
