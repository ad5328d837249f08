import { ExportResultCode, globalErrorHandler, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { reportOnce } from '../diagnostics/report-once.js';
import { trackBackgroundExporter, type BackgroundExporter } from './background-exporters.js';
import { exportThread } from './export-thread.js';
import type { ExportThreadSetup } from './export-thread-messages.js';

type Serialize = (spans: ReadableSpan[]) => Uint8Array | undefined;

/**
 * The OTLP span exporter the batch processor talks to. Each batch is answered at once and handed,
 * serialized, to the export thread (export-thread.ts) that sends it. Why: an export to a
 * collector that accepts and never answers holds what it uses until its timeout (10 s) ends: the
 * batch processor's export timer, the HTTP agent's socket, grpc-js's call timer and session, the
 * retry timers. On the app's thread each of them kept the process alive after the app was done,
 * one batch after another (1,200 calls: 17-26 s). In an unref'd worker none can; exit-flush waits
 * for what is in flight within its budget.
 *
 * Memory stays bounded: at most `maxInFlightSpans` spans are being exported at once; a batch
 * beyond that fails at once (dropped, as the batch processor drops spans when its queue is full).
 * The serializer and the thread start on the first export or at `preload()`, off the path to the
 * app's first line; batches that come before wait for them, in order.
 */
export class OffThreadSpanExporter implements SpanExporter, BackgroundExporter {
  sentItems = 0;
  private loading: Promise<Serialize> | undefined;
  private readonly thread = exportThread();
  private readonly setup: ExportThreadSetup;
  private stopped = false;
  private nextId = 0;
  /** Spans of each batch handed on and not yet answered by the collector, by message id. */
  private readonly inFlight = new Map<number, number>();
  private inFlightSpans = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    setup: Omit<ExportThreadSetup, 'signal'>,
    private readonly maxInFlightSpans: number,
  ) {
    this.setup = { ...setup, signal: 'traces' };
    this.thread.attach((error) => this.fail(error));
    trackBackgroundExporter(this);
  }

  preload(): Promise<void> {
    return this.load().then(
      () => {},
      () => {},
    );
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const broken = this.thread.broken;
    if (this.stopped || broken) return resultCallback({ code: ExportResultCode.FAILED, error: broken ?? new Error('exporter is shut down') });
    if (this.inFlightSpans + spans.length > this.maxInFlightSpans) {
      return resultCallback({
        code: ExportResultCode.FAILED,
        error: new Error(`${spans.length} span(s) dropped: ${this.inFlightSpans} are still being exported (collector slow or unreachable)`),
      });
    }
    const id = this.nextId++;
    this.inFlight.set(id, spans.length);
    this.inFlightSpans += spans.length;
    this.load().then(
      (serialize) => this.send(id, serialize(spans)),
      (error: unknown) => this.settle(id, error instanceof Error ? error.message : String(error)),
    );
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  /** Resolves once every batch handed on so far is answered; the thread keeps the process alive until then. */
  forceFlush(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    // Whoever flushes means to wait (exit-flush bounds its own wait by the budget).
    this.thread.keepAlive(true);
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.forceFlush();
    await this.thread.detach();
  }

  private load(): Promise<Serialize> {
    this.loading ??= this.start();
    return this.loading;
  }

  private async start(): Promise<Serialize> {
    this.thread.prepare(this.setup);
    if (this.setup.protocol === 'http/json') {
      const { JsonTraceSerializer } = await import('@opentelemetry/otlp-transformer');
      return (spans) => JsonTraceSerializer.serializeRequest(spans);
    }
    return (await import('../export/otlp-trace-serializer.js')).serializeTraceRequest;
  }

  private send(id: number, bytes: Uint8Array | undefined): void {
    if (!bytes) return this.settle(id, 'nothing to send');
    const spans = this.inFlight.get(id) ?? 0;
    // A request body of its own (the serializer copies out) moves to the thread instead of being copied.
    const movable = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    void this.thread.export(this.setup, { bytes, spans }, movable ? [bytes.buffer as ArrayBuffer] : []).then((error) => this.settle(id, error));
  }

  /** A batch is answered: sent (no error) or failed; the failure goes where the batch processor would send it. */
  private settle(id: number, error: string | undefined): void {
    const spans = this.inFlight.get(id);
    if (spans === undefined) return;
    this.inFlight.delete(id);
    this.inFlightSpans -= spans;
    if (error === undefined) this.sentItems += spans;
    else globalErrorHandler(new Error(error));
    if (this.inFlight.size > 0) return;
    this.thread.keepAlive(false);
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** The thread could not start or stopped; ExportThread fails the batches it was sending. */
  private fail(error: Error): void {
    reportOnce('exporting spans from the export thread (no more spans are sent)', error);
    for (const id of [...this.inFlight.keys()]) this.settle(id, error.message);
  }
}
