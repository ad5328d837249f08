import { Worker } from 'node:worker_threads';
import type { ExportRequest, ExportThreadSetup, FromExportThread, ToExportThread } from './export-thread-messages.js';
import { EXPORT_THREAD_MARK } from './is-export-thread.js';

// Found through the package's own name, not beside this file: in the published build this code is
// bundled into dist/ or dist/chunks/ (scripts/bundle-entries.mjs) while the thread stays in dist/sdk/.
const EXPORT_THREAD = new URL(import.meta.resolve('llm-otel/internal/otlp-export-thread'));

/**
 * The export thread (otlp-export-thread.ts) as the app's thread sees it: one per process, shared
 * by the span and the metric exporter (off-thread-span-exporter.ts, off-thread-metric-exporter.ts),
 * so the OTLP packages and one gRPC stack load once, in that thread, and never on the app's.
 * Started on first use and unref'd, so that none of its sockets or timers keeps the app's process
 * alive. Each request is answered by id with the failed export's message, or nothing once sent.
 */
class ExportThread {
  private worker: Worker | undefined;
  private failure: Error | undefined;
  private nextId = 0;
  private readonly answers = new Map<number, (error: string | undefined) => void>();
  private readonly failureListeners: Array<(error: Error) => void> = [];
  private users = 0;
  private stopping = false;
  private kept = false;
  private onShutDown: (() => void) | undefined;

  get broken(): Error | undefined {
    return this.failure;
  }

  /** An exporter that will use the thread; `onFailure` is called once if the thread cannot start or stops by itself. */
  attach(onFailure: (error: Error) => void): void {
    this.users += 1;
    this.failureListeners.push(onFailure);
  }

  /** Starts the thread and has it make the exporter of `setup`: its packages load while the app runs, not on the first export. */
  prepare(setup: ExportThreadSetup): void {
    if (this.failure) return;
    this.start();
    this.worker!.postMessage({ kind: 'prepare', setup } satisfies ToExportThread);
  }

  private start(): void {
    if (this.worker || this.failure) return;
    this.stopping = false;
    // No execArgv: the app's own preloads (--import, --require) have no business in this thread.
    const worker = new Worker(EXPORT_THREAD, { workerData: { [EXPORT_THREAD_MARK]: true }, execArgv: [] });
    worker.on('message', (message: FromExportThread) => {
      if (message.kind === 'shut-down') return this.onShutDown?.();
      const answer = this.answers.get(message.id);
      this.answers.delete(message.id);
      answer?.(message.error);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.stopping) this.fail(new Error(`the export thread stopped (exit code ${code})`));
    });
    // The point of the thread: its handles must never keep the app's process alive. After the
    // listeners: adding a 'message' listener refs the worker's port again.
    if (!this.kept) worker.unref();
    this.worker = worker;
  }

  /** Hands one request to the thread; resolves with the export's error message, or undefined once sent. */
  export(setup: ExportThreadSetup, request: ExportRequest, transfer: ArrayBuffer[] = []): Promise<string | undefined> {
    if (this.failure) return Promise.resolve(this.failure.message);
    this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.answers.set(id, resolve);
      this.worker!.postMessage({ kind: 'export', id, setup, request } satisfies ToExportThread, transfer);
    });
  }

  /** While kept, the thread keeps the process alive: whoever flushes means to wait for the answers. */
  keepAlive(kept: boolean): void {
    this.kept = kept;
    if (kept) this.worker?.ref();
    else this.worker?.unref();
  }

  /** When its last user shuts down: lets the thread close its exporters, then ends it. */
  async detach(): Promise<void> {
    this.users -= 1;
    if (this.users > 0) return;
    const worker = this.worker;
    this.worker = undefined;
    if (!worker || this.failure) return;
    this.stopping = true;
    worker.ref();
    await new Promise<void>((resolve) => {
      this.onShutDown = resolve;
      worker.once('exit', () => resolve());
      worker.postMessage({ kind: 'shutdown' } satisfies ToExportThread);
    });
    await worker.terminate();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const listener of this.failureListeners) listener(error);
    const answers = [...this.answers.values()];
    this.answers.clear();
    for (const answer of answers) answer(error.message);
  }
}

let shared: ExportThread | undefined;

/** The process's export thread (not yet started). */
export function exportThread(): ExportThread {
  shared ??= new ExportThread();
  return shared;
}
