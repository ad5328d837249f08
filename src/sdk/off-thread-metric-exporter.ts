import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { AggregationTemporalitySelector, PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { reportOnce } from '../diagnostics/report-once.js';
import { trackBackgroundExporter, type BackgroundExporter } from './background-exporters.js';
import { exportThread } from './export-thread.js';
import type { ClonedResourceMetrics, ExportThreadSetup } from './export-thread-messages.js';

/**
 * The OTLP metric exporter the periodic reader talks to: each export crosses to the export thread
 * (export-thread.ts), where the metric exporter package of the protocol sends it. Why: on the
 * app's thread the gRPC metric exporter brought a second copy of @grpc/grpc-js (the spans' is in
 * the export thread), ~5.7 MB of the app's heap that every major GC marks again
 * (docs/benchmark.md, "Garbage collection"), and its channel's timers on the app's event loop.
 *
 * Unlike spans, an export is answered when the collector answers. The thread stays unref'd even
 * then: a hung export cannot hold the process, the reader's timeout bounds its wait, and at exit
 * exit-flush's ref'd budget timer is what keeps the process for the last export.
 * The reader asks this exporter for the temporality before any export, so it is given here.
 */
export class OffThreadMetricExporter implements PushMetricExporter, BackgroundExporter {
  /** Spans sent: none here (exit counts spans only). */
  readonly sentItems = 0;
  private readonly thread = exportThread();
  private readonly setup: ExportThreadSetup;
  private stopped = false;

  constructor(
    setup: Omit<ExportThreadSetup, 'signal'>,
    readonly selectAggregationTemporality: AggregationTemporalitySelector,
  ) {
    this.setup = { ...setup, signal: 'metrics' };
    this.thread.attach((error) => reportOnce('exporting metrics from the export thread (no more metrics are sent)', error));
    trackBackgroundExporter(this);
  }

  preload(): Promise<void> {
    this.thread.prepare(this.setup);
    return Promise.resolve();
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) return resultCallback({ code: ExportResultCode.FAILED, error: new Error('exporter is shut down') });
    void this.send(metrics).then(
      (error) => resultCallback(error === undefined ? { code: ExportResultCode.SUCCESS } : { code: ExportResultCode.FAILED, error: new Error(error) }),
      (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }

  /** Every export is answered by the time the reader's export resolves: nothing of ours to flush. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.thread.detach();
  }

  private async send(metrics: ResourceMetrics): Promise<string | undefined> {
    const { resource } = metrics;
    // Attributes of asynchronous resource detectors may still be on their way.
    if (resource.asyncAttributesPending) await resource.waitForAsyncAttributes?.();
    const cloned: ClonedResourceMetrics = {
      resource: { attributes: resource.attributes, ...(resource.schemaUrl !== undefined && { schemaUrl: resource.schemaUrl }) },
      scopeMetrics: metrics.scopeMetrics,
    };
    return this.thread.export(this.setup, cloned);
  }
}
