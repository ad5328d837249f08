import type { OtlpProtocol } from '../config/otlp-protocol.js';
import type { OtlpExporterOptions } from './otlp-exporter-options.js';

/** A batch of spans serialized on the app's thread (the OTLP request body), and how many spans it holds. */
export interface SerializedSpans {
  readonly bytes: Uint8Array;
  readonly spans: number;
}

/** What the export thread is started with (its workerData). */
export interface ExportThreadSetup {
  readonly protocol: OtlpProtocol;
  readonly options: OtlpExporterOptions;
}

export type ToExportThread = { readonly kind: 'export'; readonly id: number; readonly batch: SerializedSpans } | { readonly kind: 'shutdown' };

/** `error` is the failed export's message; no `error` means the collector took the batch. */
export type FromExportThread = { readonly kind: 'result'; readonly id: number; readonly error?: string } | { readonly kind: 'shut-down' };
