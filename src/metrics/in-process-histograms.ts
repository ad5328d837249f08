import { diag, ValueType, type Attributes, type HrTime } from '@opentelemetry/api';
import { millisToHrTime, type InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import {
  AggregationTemporality, DataPointType, InstrumentType, type CollectionResult, type HistogramMetricData, type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import { seriesAttributes, type HistogramSpec, type SeriesHistogram, type SeriesValue } from './series-histogram.js';

/** sdk-metrics' default cardinality limit per instrument and collection. */
const DEFAULT_CARDINALITY_LIMIT = 2000;
const OVERFLOW_ATTRIBUTES: Attributes = { 'otel.metric.overflow': true };
/** Cannot be a series key: those start with `s`, `n` or `-` (or are empty). */
const OVERFLOW_KEY = '!overflow';

/**
 * The series' values as one string: `s<length>:<text>` for a string, `n<number>;` for a number,
 * `-` for an absent value. Each part is read back unambiguously from the left, so two series
 * share a key only if their values are equal (as sdk-metrics' JSON of the attribute set would say:
 * `-0` and `0` are one series there too).
 */
function seriesKey(values: readonly SeriesValue[], count: number): string {
  let key = '';
  for (let i = 0; i < count; i += 1) {
    const value = values[i];
    if (value === undefined) key += '-';
    else if (typeof value === 'number') key += `n${value};`;
    else key += `s${value.length}:${value}`;
  }
  return key;
}

/** Index of the bucket `value` falls in: the first boundary >= value, or the overflow bucket. */
function bucketIndex(boundaries: readonly number[], value: number): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (boundaries[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One series' measurements since its start time. */
class HistogramPoint {
  sum = 0;
  count = 0;
  min = Infinity;
  max = -Infinity;
  hasMinMax = false;

  constructor(
    /** The series' values as a string (seriesKey), to find it again in the next collection. */
    readonly key: string,
    public startTime: HrTime,
    readonly attributes: Attributes,
    readonly counts: number[],
  ) {}

  add(value: number, boundaries: readonly number[]): void {
    if (Number.isNaN(value)) return;
    this.count += 1;
    this.sum += value;
    this.min = Math.min(value, this.min);
    this.max = Math.max(value, this.max);
    this.hasMinMax = true;
    this.counts[bucketIndex(boundaries, value)]! += 1;
  }

  /** This point's measurements added to an earlier one's (a cumulative series across collections). */
  after(earlier: HistogramPoint): HistogramPoint {
    const merged = new HistogramPoint(earlier.key, earlier.startTime, earlier.attributes, earlier.counts.map((n, i) => n + this.counts[i]!));
    merged.sum = earlier.sum + this.sum;
    merged.count = earlier.count + this.count;
    merged.hasMinMax = earlier.hasMinMax || this.hasMinMax;
    if (merged.hasMinMax) {
      merged.min = Math.min(earlier.min, this.min);
      merged.max = Math.max(earlier.max, this.max);
    }
    return merged;
  }
}

/** Series by their values, one map level per key; the last level holds the points. */
type SeriesTree = Map<SeriesValue, SeriesTree | HistogramPoint>;

/**
 * One histogram aggregated here. Between collections a measurement finds its series by its
 * values, one map lookup per key (no string is built per measurement); a series' key string and
 * attribute object are built once, when the series first appears in a collection period.
 */
class InProcessHistogram implements SeriesHistogram {
  private tree: SeriesTree = new Map();
  /** The period's series in the order they appeared (sdk-metrics reports them in that order). */
  private order: HistogramPoint[] = [];
  private overflow: HistogramPoint | undefined;
  /** What the last collection reported, by series key, and when. */
  private last: { points: Map<string, HistogramPoint>; time: HrTime } | undefined;
  /** As sdk-metrics builds an instrument's descriptor (its type and advice too, beyond the public type). */
  private readonly descriptor: HistogramMetricData['descriptor'] & { type: InstrumentType; advice: { explicitBucketBoundaries: number[] } };

  constructor(
    private readonly spec: HistogramSpec,
    private readonly temporality: AggregationTemporality,
    /** New series beyond this many in one collection go to the overflow series. */
    private readonly seriesLimit: number,
  ) {
    this.descriptor = {
      name: spec.name,
      type: InstrumentType.HISTOGRAM,
      description: spec.description,
      unit: spec.unit,
      valueType: ValueType.DOUBLE,
      advice: { explicitBucketBoundaries: [...spec.boundaries] },
    };
  }

  record(value: number, values: readonly SeriesValue[]): void {
    if (value < 0) {
      diag.warn(`negative value provided to histogram ${this.spec.name}: ${value}`);
      return;
    }
    const last = this.spec.keys.length - 1;
    let node = this.tree;
    for (let i = 0; i < last; i += 1) {
      let next = node.get(values[i]) as SeriesTree | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(values[i], next);
      }
      node = next;
    }
    let point = node.get(values[last]) as HistogramPoint | undefined;
    if (point === undefined) {
      if (this.order.length >= this.seriesLimit) point = this.overflow ??= this.newPoint(OVERFLOW_KEY, OVERFLOW_ATTRIBUTES);
      else {
        point = this.newPoint(seriesKey(values, last + 1), seriesAttributes(this.spec.keys, values));
        node.set(values[last], point);
      }
    }
    point.add(value, this.spec.boundaries);
  }

  private newPoint(key: string, attributes: Attributes): HistogramPoint {
    const point = new HistogramPoint(key, millisToHrTime(Date.now()), attributes, new Array<number>(this.spec.boundaries.length + 1).fill(0));
    this.order.push(point);
    return point;
  }

  /**
   * The data since the last collection (delta: series measured since then, a continuing series
   * starting at the last collection) or since the first measurement (cumulative: every series).
   */
  collect(time: HrTime): HistogramMetricData | undefined {
    const current = new Map(this.order.map((point) => [point.key, point]));
    this.tree = new Map();
    this.order = [];
    this.overflow = undefined;
    let points = current;
    if (this.last && this.temporality === AggregationTemporality.CUMULATIVE) {
      points = this.last.points;
      for (const [key, point] of current) {
        const earlier = points.get(key);
        points.set(key, earlier ? point.after(earlier) : point);
      }
    } else if (this.last) {
      for (const key of this.last.points.keys()) {
        const point = current.get(key);
        if (point) point.startTime = this.last.time;
      }
    }
    this.last = { points, time };
    if (points.size === 0) return undefined;
    const boundaries = this.descriptor.advice.explicitBucketBoundaries;
    return {
      descriptor: this.descriptor,
      aggregationTemporality: this.temporality,
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: Array.from(points.values(), (point) => ({
        attributes: point.attributes,
        startTime: point.startTime,
        endTime: time,
        value: {
          min: point.hasMinMax ? point.min : undefined,
          max: point.hasMinMax ? point.max : undefined,
          sum: point.sum,
          buckets: { boundaries, counts: point.counts },
          count: point.count,
        },
      })),
    };
  }
}

/**
 * Histograms aggregated in this process instead of by sdk-metrics' instruments, handed to a
 * metric reader as one more producer (`metricProducers`). Why: sdk-metrics finds a measurement's
 * series by sorting the attribute names and JSON-encoding the whole set on every record, about
 * 15,000 instructions per GenAI measurement here, three per LLM call; this finds it by a short key
 * of the values (docs/benchmark.md). The data equal what an explicit-bucket histogram of
 * sdk-metrics reports for the same measurements, collection by collection, in either temporality,
 * overflow series included (test/unit/metrics/in-process-histograms.test.ts compares the OTLP
 * bytes); views do not apply, so register uses this only on its own meter provider, which has none.
 */
export class InProcessHistograms implements MetricProducer {
  private readonly histograms = new Map<string, InProcessHistogram>();

  constructor(
    private readonly resource: Resource,
    private readonly scope: InstrumentationScope,
    private readonly temporality: AggregationTemporality,
    private readonly cardinalityLimit = DEFAULT_CARDINALITY_LIMIT,
  ) {}

  /** A histogram by its name: the same one when asked again (instruments are rebuilt on a new meter provider). */
  readonly histogram = (spec: HistogramSpec): SeriesHistogram => {
    let histogram = this.histograms.get(spec.name);
    if (!histogram) {
      histogram = new InProcessHistogram(spec, this.temporality, this.cardinalityLimit - 1);
      this.histograms.set(spec.name, histogram);
    }
    return histogram;
  };

  collect(): Promise<CollectionResult> {
    const time = millisToHrTime(Date.now());
    const metrics: HistogramMetricData[] = [];
    for (const histogram of this.histograms.values()) {
      const data = histogram.collect(time);
      if (data) metrics.push(data);
    }
    return Promise.resolve({
      resourceMetrics: { resource: this.resource, scopeMetrics: metrics.length > 0 ? [{ scope: this.scope, metrics }] : [] },
      errors: [],
    });
  }
}
