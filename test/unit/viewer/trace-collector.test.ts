import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ReceivedSpan } from '../../../src/viewer/received-telemetry.js';
import { TraceCollector } from '../../../src/viewer/trace-collector.js';

function span(traceId: string, spanId: string): ReceivedSpan {
  return {
    traceId: traceId.repeat(32),
    spanId: spanId.repeat(16),
    name: spanId,
    kind: 1,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: {},
    status: { code: 0 },
    events: [],
    resource: {},
    scope: { name: 't' },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('TraceCollector', () => {
  it('emits each trace whole once it has been quiet for quietMs', () => {
    vi.useFakeTimers();
    const emitted: string[][] = [];
    const collector = new TraceCollector({ quietMs: 100, onTrace: (spans) => emitted.push(spans.map((s) => s.name)) });

    collector.add([span('a', '1'), span('b', '2')]);
    vi.advanceTimersByTime(60);
    collector.add([span('a', '3')]); // restarts trace a's quiet period only
    vi.advanceTimersByTime(50);
    expect(emitted).toEqual([['2']]);

    vi.advanceTimersByTime(50);
    expect(emitted).toEqual([['2'], ['1', '3']]);
    expect(collector.pendingTraces).toBe(0);
  });

  it('starts a new group for a span arriving after its trace was emitted', () => {
    vi.useFakeTimers();
    const emitted: string[][] = [];
    const collector = new TraceCollector({ quietMs: 10, onTrace: (spans) => emitted.push(spans.map((s) => s.name)) });
    collector.add([span('a', '1')]);
    vi.advanceTimersByTime(10);
    collector.add([span('a', '2')]);
    vi.advanceTimersByTime(10);
    expect(emitted).toEqual([['1'], ['2']]);
  });

  it('flushAll emits pending traces in order of first arrival, once', () => {
    vi.useFakeTimers();
    const emitted: string[][] = [];
    const collector = new TraceCollector({ quietMs: 1000, onTrace: (spans) => emitted.push(spans.map((s) => s.name)) });
    collector.add([span('b', '1'), span('a', '2'), span('b', '3')]);
    collector.flushAll();
    expect(emitted).toEqual([['1', '3'], ['2']]);
    vi.advanceTimersByTime(5000);
    expect(emitted).toHaveLength(2);
  });

  it('does not keep the process alive while a trace is pending', () => {
    const collector = new TraceCollector({ quietMs: 60_000, onTrace: () => {} });
    collector.add([span('a', '1')]);
    const timer = (collector as unknown as { pending: Map<string, { timer: NodeJS.Timeout }> }).pending.get('a'.repeat(32))!
      .timer;
    expect(timer.hasRef()).toBe(false);
    collector.flushAll();
  });
});
