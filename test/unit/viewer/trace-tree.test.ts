import { describe, expect, it } from 'vitest';

import type { ReceivedSpan } from '../../../src/viewer/received-telemetry.js';
import { formatTraceTree } from '../../../src/viewer/trace-tree.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const T0 = 1_700_000_000_000_000_000n;
const MS = 1_000_000n;

function span(fields: Partial<ReceivedSpan> & { spanId: string; name: string }, startMs: number, durationMs: number) {
  const start = T0 + BigInt(startMs) * MS;
  return {
    traceId: TRACE,
    kind: 1,
    startTimeUnixNano: start,
    endTimeUnixNano: start + BigInt(Math.round(durationMs * 1000)) * 1000n,
    attributes: {},
    status: { code: 0 },
    events: [],
    resource: { 'service.name': 'shop-bot' },
    scope: { name: 'llm-otel' },
    ...fields,
  } satisfies ReceivedSpan;
}

describe('formatTraceTree', () => {
  it('nests children under parents in start-time order with GenAI details', () => {
    const root = span({ spanId: 'a000000000000001', name: 'invoke_agent shop' }, 0, 1234.56);
    // Given out of order on purpose: arrival order must not decide the tree order.
    const toolCall = span(
      { spanId: 'a000000000000003', parentSpanId: 'a000000000000001', name: 'execute_tool lookup' },
      400,
      20,
    );
    const chat = span(
      {
        spanId: 'a000000000000002',
        parentSpanId: 'a000000000000001',
        name: 'chat gpt-4o',
        kind: 3,
        attributes: {
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.response.model': 'gpt-4o-2024-08-06',
          'gen_ai.usage.input_tokens': 12,
          'gen_ai.usage.output_tokens': 34,
          'http.response.status_code': 200,
        },
      },
      10,
      350.04,
    );
    const http = span(
      { spanId: 'a000000000000004', parentSpanId: 'a000000000000002', name: 'POST', kind: 3 },
      11,
      348,
    );

    expect(formatTraceTree([toolCall, http, root, chat])).toBe(
      [
        `trace ${TRACE}  (4 spans, service shop-bot)`,
        'invoke_agent shop  1234.6 ms',
        '├─ chat gpt-4o  350.0 ms  model=gpt-4o -> gpt-4o-2024-08-06  in=12 out=34  http=200',
        '│  └─ POST  348.0 ms',
        '└─ execute_tool lookup  20.0 ms',
      ].join('\n'),
    );
  });

  it('shows the error type and status message of a failed span', () => {
    const failed = span(
      {
        spanId: 'b000000000000001',
        name: 'chat claude-sonnet-4',
        attributes: {
          'gen_ai.request.model': 'claude-sonnet-4',
          'error.type': '529',
          'http.response.status_code': 529,
        },
        status: { code: 2, message: 'Overloaded' },
      },
      0,
      80,
    );
    expect(formatTraceTree([failed]).split('\n')).toEqual([
      `trace ${TRACE}  (1 span, service shop-bot)`,
      'chat claude-sonnet-4  80.0 ms  model=claude-sonnet-4  error=529 "Overloaded"  http=529',
    ]);
  });

  it('ignores error details unless the status is ERROR', () => {
    const ok = span({ spanId: 'b000000000000002', name: 'chat', attributes: { 'error.type': 'ignored' } }, 0, 1);
    expect(formatTraceTree([ok])).not.toContain('error');
  });

  it('prints spans whose parent never arrived as extra roots, with a note', () => {
    const root = span({ spanId: 'c000000000000001', name: 'root' }, 0, 100);
    const orphan = span(
      { spanId: 'c000000000000002', parentSpanId: 'ffffffffffffffff', name: 'embeddings', attributes: { 'gen_ai.usage.input_tokens': 7 } },
      50,
      5,
    );
    const orphanChild = span({ spanId: 'c000000000000003', parentSpanId: 'c000000000000002', name: 'POST' }, 51, 3);
    expect(formatTraceTree([orphanChild, orphan, root]).split('\n')).toEqual([
      `trace ${TRACE}  (3 spans, service shop-bot)`,
      'root  100.0 ms',
      'embeddings  5.0 ms  in=7  (parent not received)',
      '└─ POST  3.0 ms',
    ]);
  });

  it('prints every trace of a mixed batch separately, and nothing for no spans', () => {
    const first = span({ spanId: 'd000000000000001', name: 'one' }, 0, 1);
    const second = span(
      { traceId: 'ffffffffffffffffffffffffffffffff', spanId: 'd000000000000002', name: 'two', resource: {} },
      0,
      2,
    );
    expect(formatTraceTree([first, second])).toBe(
      [
        `trace ${TRACE}  (1 span, service shop-bot)`,
        'one  1.0 ms',
        '',
        'trace ffffffffffffffffffffffffffffffff  (1 span, service unknown)',
        'two  2.0 ms',
      ].join('\n'),
    );
    expect(formatTraceTree([])).toBe('');
  });

  it('still prints spans whose parent links form a cycle', () => {
    const a = span({ spanId: 'e000000000000001', parentSpanId: 'e000000000000002', name: 'a' }, 0, 1);
    const b = span({ spanId: 'e000000000000002', parentSpanId: 'e000000000000001', name: 'b' }, 1, 1);
    const lines = formatTraceTree([a, b]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^a {2}1\.0 ms/);
    expect(lines[2]).toBe('└─ b  1.0 ms');
  });
});
