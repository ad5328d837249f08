// Spans of every shape the OTLP trace serializer must encode, from a seeded generator: all
// attribute value types (arrays of each, mixed and holey ones, bytes, nested objects), events,
// links, trace state, remote parents, status messages, dropped counts, non-ASCII and lone
// surrogate strings, strings long enough for two- and three-byte lengths, several resources and
// scopes in one batch. Plain objects in the ReadableSpan shape, so edge values the SDK would not
// produce itself are covered too.
import type { Attributes, HrTime, Link, SpanContext } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace';
import { seededRandom } from '../../helpers/seeded-random.js';

const PIECES = ['gpt-4o', 'chat', 'ü', 'é', '日本語', '😀', '\ud800', '\udc00', 'x', ' ', '"', '\n', '\u0000', 'ß', '€'];
const NUMBERS = [0, 1, -1, 127, 128, 300, 16383, 16384, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53, -(2 ** 53), 2 ** 63, -(2 ** 63), 0.5, -0.25, 1e300, Number.NaN, Infinity, -Infinity, -0, 3.14159];

export function spanGenerator(seed: number) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const hex = (chars: number) => Array.from({ length: chars }, () => '0123456789abcdef'[int(16)]).join('');

  function text(): string {
    const shape = int(10);
    if (shape === 0) return '';
    if (shape === 1) return 'a'.repeat(pick([42, 43, 95, 96, 127, 128, 200, 17000]));
    if (shape === 2) return 'ü'.repeat(pick([21, 22, 63, 64, 100, 9000]));
    if (shape === 3) return `${'k'.repeat(int(60))}日本`;
    let s = '';
    for (let i = int(8); i >= 0; i--) s += pick(PIECES);
    return s;
  }

  function scalar(): unknown {
    switch (int(5)) {
      case 0:
        return text();
      case 1:
        return random() < 0.5;
      case 2:
        return pick(NUMBERS);
      case 3:
        return int(1_000_000) * (random() < 0.3 ? -1 : 1);
      default:
        return random() * 1000;
    }
  }

  function value(depth = 0): unknown {
    const shape = int(14);
    if (shape < 8) return scalar();
    if (shape === 8) return Array.from({ length: int(5) }, () => pick(['a', 'ü', '']));
    if (shape === 9) return Array.from({ length: int(5) }, () => pick(NUMBERS));
    if (shape === 10) return Array.from({ length: int(5) }, () => pick([true, false, null, undefined, 'mixed', 7]));
    if (shape === 11) return new Uint8Array(Array.from({ length: int(200) }, () => int(256)));
    if (shape === 12 && depth < 2) return Object.fromEntries(Array.from({ length: int(3) }, (_, i) => [`k${i}`, value(depth + 1)]));
    return undefined;
  }

  function attributes(): Attributes {
    const out: Record<string, unknown> = {};
    for (let i = int(12); i > 0; i--) out[random() < 0.7 ? pick(['gen_ai.request.model', 'gen_ai.usage.input_tokens', 'http.status', 'ключ', 'a']) + i : text()] = value();
    return out as Attributes;
  }

  const hrTime = (): HrTime => [pick([0, 1, 1_700_000_000 + int(100_000_000), 4_294_967_295, 65_535, 65_536]), int(1_000_000_000)];

  function context(): SpanContext {
    return {
      traceId: random() < 0.1 ? hex(32).toUpperCase() : hex(32),
      spanId: hex(16),
      traceFlags: int(256),
      isRemote: random() < 0.5 ? undefined : random() < 0.5,
      traceState: random() < 0.2 ? new TraceState(`vendor=${hex(6)},other=x`) : undefined,
    };
  }

  function event(): TimedEvent {
    return { time: hrTime(), name: text(), attributes: random() < 0.7 ? attributes() : undefined, droppedAttributesCount: random() < 0.3 ? int(500) : undefined };
  }

  function link(): Link {
    return { context: context(), attributes: random() < 0.6 ? attributes() : undefined, droppedAttributesCount: random() < 0.3 ? int(300) : undefined };
  }

  const resources: Resource[] = [
    resourceFromAttributes({ 'service.name': 'app', 'host.name': 'h', 'process.pid': 42, 'ü': ['x', 'y'] }),
    resourceFromAttributes({ 'service.name': 'другой', 'telemetry.sdk.version': '3.1.1' }, { schemaUrl: 'https://opentelemetry.io/schemas/1.37.0' }),
    resourceFromAttributes({}),
  ];
  const scopes = [
    { name: 'llm-otel', version: '0.1.0' },
    { name: 'other-instrumentation' },
    { name: 'with-schema', version: '2', schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' },
    { name: 'scope-attributes', version: '1', attributes: { 'scope.key': 'v', n: 3 } } as never,
    { name: '', version: '' },
  ];

  function span(): ReadableSpan {
    const ctx = context();
    const parent = random() < 0.6 ? context() : undefined;
    const start = hrTime();
    return {
      name: text(),
      kind: pick([0, 1, 2, 3, 4, undefined as never]),
      spanContext: () => ctx,
      parentSpanContext: parent,
      startTime: start,
      endTime: hrTime(),
      status: random() < 0.5 ? { code: int(3) } : { code: int(3), message: text() },
      attributes: attributes(),
      links: Array.from({ length: random() < 0.7 ? 0 : int(4) }, link),
      events: Array.from({ length: random() < 0.5 ? 0 : int(5) }, event),
      duration: [0, 0],
      ended: true,
      resource: pick(resources),
      instrumentationScope: pick(scopes),
      droppedAttributesCount: random() < 0.8 ? 0 : int(100_000),
      droppedEventsCount: random() < 0.8 ? 0 : int(200),
      droppedLinksCount: random() < 0.8 ? 0 : int(200),
    };
  }

  return { batch: (size: number) => Array.from({ length: size }, span) };
}
