import type protobuf from 'protobufjs';

import { attributesFromKeyValues, scopeFrom, type KeyValueObject, type ScopeObject } from './otlp-common.js';
import { ExportMetricsServiceRequest, OTLP_TO_OBJECT_OPTIONS } from './otlp-schema.js';
import type {
  ReceivedAttributes,
  ReceivedHistogramPoint,
  ReceivedMetric,
  ReceivedNumberPoint,
  ReceivedTemporality,
} from './received-telemetry.js';

interface NumberDataPointObject {
  attributes?: KeyValueObject[];
  timeUnixNano?: string;
  value?: 'asDouble' | 'asInt';
  asDouble?: number;
  asInt?: string;
}

interface HistogramDataPointObject {
  attributes?: KeyValueObject[];
  timeUnixNano?: string;
  count?: string;
  sum?: number;
  min?: number;
  max?: number;
  bucketCounts?: string[];
  explicitBounds?: number[];
}

interface MetricObject {
  name?: string;
  description?: string;
  unit?: string;
  data?: 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram' | 'summary';
  gauge?: { dataPoints?: NumberDataPointObject[] };
  sum?: { dataPoints?: NumberDataPointObject[]; aggregationTemporality?: number };
  histogram?: { dataPoints?: HistogramDataPointObject[]; aggregationTemporality?: number };
}

interface ExportMetricsServiceRequestObject {
  resourceMetrics?: Array<{
    resource?: { attributes?: KeyValueObject[] };
    scopeMetrics?: Array<{ scope?: ScopeObject; metrics?: MetricObject[] }>;
  }>;
}

function numberPointFrom(point: NumberDataPointObject): ReceivedNumberPoint {
  return {
    attributes: attributesFromKeyValues(point.attributes),
    timeUnixNano: BigInt(point.timeUnixNano ?? 0),
    value: point.value === 'asInt' ? Number(point.asInt ?? 0) : (point.asDouble ?? 0),
  };
}

function histogramPointFrom(point: HistogramDataPointObject): ReceivedHistogramPoint {
  const received: ReceivedHistogramPoint = {
    attributes: attributesFromKeyValues(point.attributes),
    timeUnixNano: BigInt(point.timeUnixNano ?? 0),
    count: Number(point.count ?? 0),
    bucketCounts: (point.bucketCounts ?? []).map(Number),
    explicitBounds: point.explicitBounds ?? [],
  };
  // sum/min/max are proto3 `optional`: absent means "not recorded", not zero.
  if (point.sum !== undefined) received.sum = point.sum;
  if (point.min !== undefined) received.min = point.min;
  if (point.max !== undefined) received.max = point.max;
  return received;
}

/** OTLP's AggregationTemporality enum: 1 delta, 2 cumulative, 0 (or absent) unspecified. */
function temporalityFrom(value: number | undefined): ReceivedTemporality {
  return value === 1 ? 'delta' : value === 2 ? 'cumulative' : 'unspecified';
}

function receivedMetricFrom(
  metric: MetricObject,
  resource: ReceivedAttributes,
  scope: ReceivedMetric['scope'],
): ReceivedMetric {
  const common = {
    name: metric.name ?? '',
    description: metric.description ?? '',
    unit: metric.unit ?? '',
    resource,
    scope,
  };
  switch (metric.data) {
    case 'gauge':
      return { ...common, type: 'gauge', dataPoints: (metric.gauge?.dataPoints ?? []).map(numberPointFrom) };
    case 'sum':
      return {
        ...common, type: 'sum', temporality: temporalityFrom(metric.sum?.aggregationTemporality), dataPoints: (metric.sum?.dataPoints ?? []).map(numberPointFrom),
      };
    case 'histogram':
      return {
        ...common,
        type: 'histogram',
        temporality: temporalityFrom(metric.histogram?.aggregationTemporality),
        dataPoints: (metric.histogram?.dataPoints ?? []).map(histogramPointFrom),
      };
    case 'exponentialHistogram':
    case 'summary':
      return { ...common, type: metric.data, dataPoints: [] };
    default:
      return { ...common, type: 'unknown', dataPoints: [] };
  }
}

/**
 * Decodes the body of a `MetricsService/Export` call (a serialized
 * `ExportMetricsServiceRequest`) into flat metrics. Throws on malformed bytes.
 */
export function decodeMetricsExport(bytes: Uint8Array): ReceivedMetric[] {
  return metricsFromMessage(ExportMetricsServiceRequest.decode(bytes));
}

/** Decodes an OTLP/JSON `ExportMetricsServiceRequest`. Throws on malformed JSON. */
export function decodeMetricsExportJson(text: string): ReceivedMetric[] {
  return metricsFromMessage(ExportMetricsServiceRequest.fromObject(JSON.parse(text) as object));
}

function metricsFromMessage(message: protobuf.Message): ReceivedMetric[] {
  const request = ExportMetricsServiceRequest.toObject(
    message,
    OTLP_TO_OBJECT_OPTIONS,
  ) as ExportMetricsServiceRequestObject;
  const metrics: ReceivedMetric[] = [];
  for (const resourceMetrics of request.resourceMetrics ?? []) {
    const resource = attributesFromKeyValues(resourceMetrics.resource?.attributes);
    for (const scopeMetrics of resourceMetrics.scopeMetrics ?? []) {
      const scope = scopeFrom(scopeMetrics.scope);
      for (const metric of scopeMetrics.metrics ?? []) metrics.push(receivedMetricFrom(metric, resource, scope));
    }
  }
  return metrics;
}
