import type { Attributes } from '@opentelemetry/api';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { OtlpProtocol } from '../config/otlp-protocol.js';
import type { OtlpExporterOptions } from './otlp-exporter-options.js';

/** A batch of spans serialized on the app's thread (the OTLP request body), and how many spans it holds. */
export interface SerializedSpans {
  readonly bytes: Uint8Array;
  readonly spans: number;
}

/**
 * A metric export as it crosses to the export thread: sdk-metrics' ResourceMetrics, whose parts
 * are plain data except the resource, a class instance (with pending detector promises, at worst)
 * that a structured clone would strip of its getters; it goes as its attributes and schema URL.
 */
export type ClonedResourceMetrics = Omit<ResourceMetrics, 'resource'> & {
  readonly resource: { readonly attributes: Attributes; readonly schemaUrl?: string };
};

/** Which signal an exporter of the export thread sends, and how; every request carries its own. */
export interface ExportThreadSetup {
  readonly signal: 'traces' | 'metrics';
  readonly protocol: OtlpProtocol;
  readonly options: OtlpExporterOptions;
}

/** Spans for a traces thread, metrics for a metrics thread. */
export type ExportRequest = SerializedSpans | ClonedResourceMetrics;

export type ToExportThread =
  | { readonly kind: 'export'; readonly id: number; readonly setup: ExportThreadSetup; readonly request: ExportRequest }
  /** Make the exporter of this setup now, so its packages load before the first export. */
  | { readonly kind: 'prepare'; readonly setup: ExportThreadSetup }
  | { readonly kind: 'shutdown' };

/** `error` is the failed export's message; no `error` means the collector took the batch. */
export type FromExportThread = { readonly kind: 'result'; readonly id: number; readonly error?: string } | { readonly kind: 'shut-down' };
