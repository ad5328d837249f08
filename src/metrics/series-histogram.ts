import type { Attributes, Meter } from '@opentelemetry/api';

/** One attribute's value in a series; `undefined` leaves the attribute out. */
export type SeriesValue = string | number | undefined;

/**
 * A histogram and the attribute names its series carry, in a fixed order: a measurement names its
 * series by the values alone, in that order.
 */
export interface HistogramSpec {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly boundaries: readonly number[];
  readonly keys: readonly string[];
}

export interface SeriesHistogram {
  /** `values` in the order of the spec's keys; values beyond the keys are ignored. */
  record(value: number, values: readonly SeriesValue[]): void;
}

/** Makes the histograms a metric set records on: on an API meter, or aggregated in process. */
export type HistogramFactory = (spec: HistogramSpec) => SeriesHistogram;

/** The attributes of a series: each defined value under its key, in the keys' order. */
export function seriesAttributes(keys: readonly string[], values: readonly SeriesValue[]): Attributes {
  const attributes: Attributes = {};
  for (let i = 0; i < keys.length; i += 1) {
    const value = values[i];
    if (value !== undefined) attributes[keys[i]!] = value;
  }
  return attributes;
}

/** Histograms on any OpenTelemetry meter (an app's own meter provider, a test's). */
export function meterHistograms(meter: Meter): HistogramFactory {
  return (spec) => {
    const histogram = meter.createHistogram(spec.name, {
      description: spec.description,
      unit: spec.unit,
      advice: { explicitBucketBoundaries: [...spec.boundaries] },
    });
    return { record: (value, values) => histogram.record(value, seriesAttributes(spec.keys, values)) };
  };
}
