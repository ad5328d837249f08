import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { trackBackgroundExporter, type BackgroundExporter } from './background-exporters.js';

/** What the trace and the metric exporters have in common: one batch in, one result back. */
export interface BatchExporter<Batch> {
  export(batch: Batch, resultCallback: (result: ExportResult) => void): void;
  forceFlush?(): Promise<void>;
  shutdown(): Promise<void>;
}

interface PendingExport<Batch> {
  readonly batch: Batch;
  readonly resultCallback: (result: ExportResult) => void;
}

/**
 * An exporter whose real implementation is imported only when it is first needed, or when
 * `preload()` is called once the app is running. The OTLP exporters (gRPC and HTTP alike) take
 * 100-300 ms of CPU to import, which would otherwise stand between `node` and the app's first line.
 *
 * No batch is lost while the module loads: each `export` call waits here, in order, and is handed
 * to the real exporter as soon as it exists; its callback reports the real result. The batch
 * processor in front of us bounds how many calls can wait (its queue and its export timeout).
 * If the module cannot be loaded, every waiting and later batch fails with that error.
 */
export class LazyExporter<Batch> implements BatchExporter<Batch>, BackgroundExporter {
  /** Spans (items of array batches) the real exporter reported as sent; exit counts the rest. */
  sentItems = 0;
  private real: BatchExporter<Batch> | undefined;
  private loadError: Error | undefined;
  private loading: Promise<void> | undefined;
  private pending: PendingExport<Batch>[] = [];
  private stopped = false;

  constructor(private readonly load: () => Promise<BatchExporter<Batch>>) {
    trackBackgroundExporter(this);
  }

  /** Starts importing the real exporter now (idempotent); resolves once it is there or failed. */
  preload(): Promise<void> {
    this.loading ??= this.load().then(
      (exporter) => {
        this.real = exporter;
        this.drain();
      },
      (error: unknown) => {
        this.loadError = error instanceof Error ? error : new Error(String(error));
        this.drain();
      },
    );
    return this.loading;
  }

  export(batch: Batch, resultCallback: (result: ExportResult) => void): void {
    if (this.real) return this.real.export(batch, this.counting(batch, resultCallback));
    if (this.loadError || this.stopped) return resultCallback(this.failure());
    this.pending.push({ batch, resultCallback });
    void this.preload();
  }

  async forceFlush(): Promise<void> {
    if (this.pending.length > 0) await this.preload();
    await this.real?.forceFlush?.();
  }

  async shutdown(): Promise<void> {
    // Batches still waiting are sent first, as a real exporter would send its in-flight ones.
    if (this.pending.length > 0) await this.preload();
    this.stopped = true;
    await this.real?.shutdown();
  }

  private drain(): void {
    const waiting = this.pending;
    this.pending = [];
    for (const { batch, resultCallback } of waiting) {
      if (this.real) this.real.export(batch, this.counting(batch, resultCallback));
      else resultCallback(this.failure());
    }
  }

  private counting(batch: Batch, resultCallback: (result: ExportResult) => void): (result: ExportResult) => void {
    return (result) => {
      if (result.code === ExportResultCode.SUCCESS && Array.isArray(batch)) this.sentItems += batch.length;
      resultCallback(result);
    };
  }

  private failure(): ExportResult {
    return { code: ExportResultCode.FAILED, error: this.loadError ?? new Error('exporter is shut down') };
  }
}
