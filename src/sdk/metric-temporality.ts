import { AggregationTemporality, InstrumentType, type AggregationTemporalitySelector } from '@opentelemetry/sdk-metrics';
import type { MetricTemporalityPreference } from '../config/types.js';

/**
 * The instruments each OTLP temporality preference exports as deltas, as the OTLP metrics exporter
 * specification lists them (`OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE`); everything else
 * stays cumulative. The OTLP exporter packages have the same selectors, but they are imported only
 * after start, and the reader needs its selector when it is built.
 */
const DELTA_INSTRUMENTS: Readonly<Record<MetricTemporalityPreference, ReadonlySet<InstrumentType>>> = {
  cumulative: new Set(),
  delta: new Set([InstrumentType.COUNTER, InstrumentType.OBSERVABLE_COUNTER, InstrumentType.HISTOGRAM]),
  lowmemory: new Set([InstrumentType.COUNTER, InstrumentType.HISTOGRAM]),
};

export function temporalitySelector(preference: MetricTemporalityPreference): AggregationTemporalitySelector {
  const deltas = DELTA_INSTRUMENTS[preference];
  return (instrumentType) => (deltas.has(instrumentType) ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE);
}
