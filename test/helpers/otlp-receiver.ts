/**
 * The embedded OTLP/gRPC receiver for e2e tests: start it on port 0, point the
 * app's exporter at `http://127.0.0.1:${receiver.port}`, then
 * `await receiver.waitForSpans(...)` and assert on the decoded spans.
 */
import type { ReceivedAttributes, ReceivedSpan } from '../../src/viewer/received-telemetry.js';

export { startOtlpReceiver } from '../../src/viewer/otlp-receiver.js';
export type { OtlpReceiver } from '../../src/viewer/otlp-receiver.js';
export type {
  ReceivedAttributes,
  ReceivedHistogramPoint,
  ReceivedMetric,
  ReceivedNumberPoint,
  ReceivedSpan,
} from '../../src/viewer/received-telemetry.js';

/** A span's attributes, for `expect(attrsOf(span)).toEqual({...})`. */
export function attrsOf(span: ReceivedSpan): ReceivedAttributes {
  return span.attributes;
}

/** The only span named `name`; throws (listing what arrived) if there is not exactly one. */
export function spanNamed(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const matches = spans.filter((span) => span.name === name);
  if (matches.length !== 1) {
    const names = spans.map((span) => span.name).join(', ');
    throw new Error(`expected one span named '${name}', found ${matches.length} among [${names}]`);
  }
  return matches[0]!;
}

/** The direct children of `parent`, in start-time order. */
export function childrenOf(spans: ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] {
  return spans
    .filter((span) => span.traceId === parent.traceId && span.parentSpanId === parent.spanId)
    .sort((a, b) => (a.startTimeUnixNano < b.startTimeUnixNano ? -1 : a.startTimeUnixNano > b.startTimeUnixNano ? 1 : 0));
}
