import { diag } from '@opentelemetry/api';

/** Longest reason quoted from an export error; the rest of a long message is left out. */
const MAX_REASON_LENGTH = 300;

/**
 * The OpenTelemetry SDK reports failed span and metric exports alike through its global error
 * handler. This tells them apart (the metric reader names itself, a metric export its service or
 * path) and logs each kind once, as one line with the reason and no stack: a collector that
 * cannot be reached is a fact about the deployment, not a bug to debug in our code.
 */
export function createExportErrorReporter(log: (line: string) => void = (line) => diag.error(line)): (error: unknown) => void {
  const reported = new Set<string>();
  return (error) => {
    const text = error instanceof Error ? error.message : String(error);
    const kind = /PeriodicExportingMetricReader|MetricsService|\/v1\/metrics|metrics export/i.test(text) ? 'exporting metrics' : 'exporting spans';
    if (reported.has(kind)) return;
    reported.add(kind);
    const reason = (text.split('\n')[0] ?? '').slice(0, MAX_REASON_LENGTH);
    log(`llm-otel: ${kind} failed; further errors of this kind are not logged (${reason})`);
  };
}
