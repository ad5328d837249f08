import type { ReceivedAttributes, ReceivedSpan } from '../../../src/viewer/received-telemetry.js';

/** Nanoseconds since the epoch for `ms` milliseconds. */
export const ns = (ms: number): bigint => BigInt(ms) * 1_000_000n;

let counter = 0;

/** A hand-built span for store and API tests; ids are unique unless given. */
export function span(overrides: Partial<ReceivedSpan> & { startMs?: number; durationMs?: number; service?: string } = {}): ReceivedSpan {
  counter += 1;
  const { startMs = Math.floor(Date.now() / 1000) * 1000 - 60_000, durationMs = 10, service = 'svc', ...rest } = overrides;
  const resource: ReceivedAttributes = { 'service.name': service, ...(rest.resource ?? {}) };
  return {
    traceId: rest.traceId ?? counter.toString(16).padStart(32, 'a'),
    spanId: rest.spanId ?? counter.toString(16).padStart(16, 'b'),
    ...(rest.parentSpanId ? { parentSpanId: rest.parentSpanId } : {}),
    name: rest.name ?? 'work',
    kind: rest.kind ?? 1,
    startTimeUnixNano: rest.startTimeUnixNano ?? ns(startMs),
    endTimeUnixNano: rest.endTimeUnixNano ?? ns(startMs + durationMs),
    attributes: rest.attributes ?? {},
    status: rest.status ?? { code: 0 },
    events: rest.events ?? [],
    resource,
    scope: rest.scope ?? { name: 'test-scope' },
  };
}
