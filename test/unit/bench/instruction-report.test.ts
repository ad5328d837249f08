import { describe, expect, it } from 'vitest';
import { instructionTables, type InstructionRecord } from '../../../bench/instructions/report.mjs';

const META = { node: 'v24.0.0', valgrind: 'valgrind-3.19.0', cpu: 'Test CPU', cores: 2, nodeFlags: '--single-threaded' };

function record(fields: Partial<InstructionRecord> & Pick<InstructionRecord, 'config' | 'sdk' | 'mode' | 'concurrency' | 'irPerCall'>): InstructionRecord {
  return { sdkLabel: fields.sdk, repeat: 1, runId: '2026-12-06T00:00:00Z', cpu: 'Router CPU', calls: 300, warmup: 4000, batch: 100, compilationPerCall: 0, gcPerCall: 0, spansPerCall: 0, ...fields };
}

/** The rows of the markdown table under `heading`, each split into its cells. */
function tableUnder(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (line.startsWith('|') && !line.startsWith('|---')) rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

describe('the instruction report', () => {
  const router = [
    record({ config: 'router-untraced', sdk: 'fetch', mode: 'chat', concurrency: 1, irPerCall: 1_500_000, gcPerCall: 200_000 }),
    record({ config: 'router', sdk: 'fetch', mode: 'chat', concurrency: 1, irPerCall: 2_700_000, gcPerCall: 800_000, spansPerCall: 6, repeat: 1 }),
    record({ config: 'router', sdk: 'fetch', mode: 'chat', concurrency: 1, irPerCall: 2_900_000, gcPerCall: 900_000, spansPerCall: 6, repeat: 2 }),
  ];

  it('gives the router its own table: absolute counts, what tracing adds (medians of repeated runs), GC and spans', () => {
    const rows = tableUnder(instructionTables({ meta: META, records: router }), '## The router');
    expect(rows[0]).toEqual(['', 'chat c=1']);
    expect(rows.slice(1)).toEqual([
      ['tracing off, absolute', '1,500k'],
      ['traced (the default), absolute', '2,800k'],
      ['added by tracing', '+1,300k'],
      ['of the above, GC (traced / off)', '850k / 200k'],
      ['spans per request, traced', '6.00'],
    ]);
  });

  it('keeps the router out of the app tables, spread-checks it with them, and names each part\'s processor', () => {
    const app = [
      record({ config: 'none', sdk: 'openai7', mode: 'chat', concurrency: 1, irPerCall: 1_800_000, cpu: 'App CPU' }),
      record({ config: 'llm-otel-metrics', sdk: 'openai7', mode: 'chat', concurrency: 1, irPerCall: 2_100_000, spansPerCall: 1, cpu: 'App CPU' }),
    ];
    const markdown = instructionTables({ meta: META, records: [...app, ...router] });
    const appTable = tableUnder(markdown, '## Concurrency 1');
    expect(appTable.map((row) => row[0])).toEqual(['configuration', 'untraced, absolute', 'llm-otel, metrics on (the default)']);
    expect(appTable[2]![1]).toBe('+300k');
    expect(markdown.split('\n')[2]).toContain('App CPU');
    expect(markdown.slice(markdown.indexOf('## The router'))).toContain('Router CPU');
    const spread = tableUnder(markdown, '## Spread of repeated cells');
    expect(spread.slice(1)).toEqual([['router fetch chat c=1', '2,700,000, 2,900,000', '7.14%']]);
  });
});
