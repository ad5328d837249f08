import { describe, expect, it } from 'vitest';
import { createExportErrorReporter } from '../../../src/sdk/export-error-report.js';

function reporter() {
  const lines: string[] = [];
  return { lines, report: createExportErrorReporter((line) => lines.push(line)) };
}

describe('export error reports', () => {
  it('names a failed metric export as metrics, not spans', () => {
    const { lines, report } = reporter();
    report(new Error('PeriodicExportingMetricReader: metrics export failed (error Error: 14 UNAVAILABLE: No connection established)'));
    expect(lines).toEqual([
      'llm-otel: exporting metrics failed; further errors of this kind are not logged (PeriodicExportingMetricReader: metrics export failed (error Error: 14 UNAVAILABLE: No connection established))',
    ]);
  });

  it('logs an unreachable collector as one line without a stack, once per kind', () => {
    const { lines, report } = reporter();
    const error = new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:4317\n    at Object.callErrorFromStatus');
    report(error);
    report(error);
    report(new Error('PeriodicExportingMetricReader: metrics export failed'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      'llm-otel: exporting spans failed; further errors of this kind are not logged (14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:4317)',
    );
    for (const line of lines) expect(line).not.toMatch(/\n|\bat Object\./);
  });
});
