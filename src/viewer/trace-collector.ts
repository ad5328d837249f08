import type { ReceivedSpan } from './received-telemetry.js';

export interface TraceCollectorOptions {
  /**
   * How long a trace must stay silent before it counts as complete. Default
   * 1500 ms: long enough to cover a BatchSpanProcessor's parent span arriving
   * in a later batch than its children, short enough to feel live.
   */
  quietMs?: number;
  /** Receives each trace's spans, in arrival order, once per quiet period. */
  onTrace: (spans: ReceivedSpan[]) => void;
}

interface PendingTrace {
  spans: ReceivedSpan[];
  timer: NodeJS.Timeout;
}

/**
 * Groups spans by trace id and hands each trace over whole once no new span of
 * it arrived for `quietMs`. A span that arrives after its trace was handed over
 * starts a new group, so it is shown late rather than lost.
 */
export class TraceCollector {
  private readonly quietMs: number;
  private readonly onTrace: (spans: ReceivedSpan[]) => void;
  // Map keeps insertion order, so flushAll emits traces in order of first arrival.
  private readonly pending = new Map<string, PendingTrace>();

  constructor(options: TraceCollectorOptions) {
    this.quietMs = options.quietMs ?? 1500;
    this.onTrace = options.onTrace;
  }

  add(spans: ReceivedSpan[]): void {
    for (const span of spans) {
      const trace = this.pending.get(span.traceId);
      if (trace) {
        trace.spans.push(span);
        trace.timer.refresh();
      } else {
        this.pending.set(span.traceId, { spans: [span], timer: this.startTimer(span.traceId) });
      }
    }
  }

  /** Emits every pending trace now, e.g. on shutdown. */
  flushAll(): void {
    for (const traceId of [...this.pending.keys()]) this.emit(traceId);
  }

  /** Number of traces still waiting for their quiet period. */
  get pendingTraces(): number {
    return this.pending.size;
  }

  private startTimer(traceId: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.emit(traceId), this.quietMs);
    // A pending trace must never keep the process alive on its own.
    timer.unref();
    return timer;
  }

  private emit(traceId: string): void {
    const trace = this.pending.get(traceId);
    if (!trace) return;
    clearTimeout(trace.timer);
    this.pending.delete(traceId);
    this.onTrace(trace.spans);
  }
}
