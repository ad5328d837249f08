/**
 * The metrics exporter: on by the file's `metrics.enabled`, then OTEL_METRICS_EXPORTER (`none` turns
 * metrics off, `console` prints them), OTEL_METRIC_EXPORT_INTERVAL, and the metrics protocol. The
 * endpoint follows the traces' collector unless a metrics or general OTEL_ endpoint variable is set,
 * which the metric exporter then reads itself. The temporality preference is read here, not by the
 * exporter: the exporter lives in an export thread (sdk/off-thread-metric-exporter.ts), and the
 * reader asks the app's thread for the temporality at its first collection.
 */
import type { EnvVariableName } from './env-variables.js';
import { checkOtelEndpointVariable, protocolFromEnv } from './exporter-from-env.js';
import { httpSignalUrl } from './otlp-protocol.js';
import { envError, readEnvNumber, readEnvString } from './read-env.js';
import type { ExporterConfig, MetricTemporalityPreference, MetricsConfig } from './types.js';

const METRICS_EXPORTERS = ['otlp', 'console', 'none'] as const;
const TEMPORALITY_PREFERENCES: readonly MetricTemporalityPreference[] = ['cumulative', 'delta', 'lowmemory'];

export function metricsFromEnv(
  file: { readonly enabled: boolean; readonly intervalMs: number },
  traces: ExporterConfig,
  env: NodeJS.ProcessEnv,
): MetricsConfig {
  const raw = readEnvString(env, 'OTEL_METRICS_EXPORTER');
  const exporter = raw === undefined ? 'otlp' : raw.trim().toLowerCase();
  if (!(METRICS_EXPORTERS as readonly string[]).includes(exporter)) {
    throw envError('OTEL_METRICS_EXPORTER', raw ?? '', `one of ${METRICS_EXPORTERS.join(', ')}`);
  }
  const intervalMs =
    readEnvNumber(env, 'OTEL_METRIC_EXPORT_INTERVAL', 'a positive whole number of milliseconds', (value) => Number.isInteger(value) && value > 0) ??
    file.intervalMs;
  const protocol = protocolFromEnv(env, 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', traces.protocol);
  const enabled = file.enabled && exporter !== 'none';
  return {
    enabled,
    intervalMs,
    exporter: exporter === 'console' ? 'console' : 'otlp',
    protocol,
    ...metricsEndpoint(traces, protocol, env),
    temporality: temporalityFromEnv(env),
  };
}

/** Unset: cumulative, as the specification and the OTLP exporters default; case as the spec allows. */
function temporalityFromEnv(env: NodeJS.ProcessEnv): MetricTemporalityPreference {
  const raw = readEnvString(env, 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE');
  if (raw === undefined) return 'cumulative';
  const preference = TEMPORALITY_PREFERENCES.find((name) => name === raw.trim().toLowerCase());
  if (preference === undefined) throw envError('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', raw, `one of ${TEMPORALITY_PREFERENCES.join(', ')}`);
  return preference;
}

function metricsEndpoint(traces: ExporterConfig, protocol: MetricsConfig['protocol'], env: NodeJS.ProcessEnv): { endpoint?: string } {
  if (readEnvString(env, 'OTLP_ENDPOINT') === undefined) {
    // The general variable was checked with the traces; the metrics one is the metric exporter's own.
    if (protocol !== 'grpc') checkOtelEndpointVariable(env, 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
    const own: EnvVariableName[] = ['OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT'];
    if (own.some((name) => readEnvString(env, name) !== undefined)) return {};
  }
  if (traces.endpoint === undefined) return {};
  if (protocol === 'grpc') return { endpoint: new URL(traces.endpoint).origin };
  return { endpoint: httpSignalUrl(traces.endpoint, 'metrics') };
}
