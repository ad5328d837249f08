import fs from 'node:fs';
import path from 'node:path';
import { listFixtures } from './helpers/fixtures.js';
import { readFixtureReport, REPORT_DIR, type FixtureReportRow } from './helpers/fixture-report.js';

const REPORT_FILE = path.join(REPORT_DIR, '..', 'fixture-report.md');

function passed(row: FixtureReportRow): boolean {
  return row.spanFound && row.checks.every((c) => c.pass);
}

/** Markdown: one row per fixture and client, with every expected field checked. */
function renderReport(rows: FixtureReportRow[], corpus: string[]): { text: string; exact: number; missing: string[] } {
  const byFixture = new Map<string, FixtureReportRow[]>();
  for (const row of rows) byFixture.set(row.fixture, [...(byFixture.get(row.fixture) ?? []), row]);
  const missing = corpus.filter((name) => !byFixture.has(name));
  const exact = corpus.filter((name) => (byFixture.get(name) ?? []).length > 0 && byFixture.get(name)!.every(passed)).length;
  const lines = [
    '# Fixture report',
    '',
    `${exact}/${corpus.length} recorded exchanges exact on every client that replayed them (Node ${process.version}).`,
    'Each row is one replay: the span whose id the server received in `traceparent`, checked field by field against the fixture\'s `expected` block.',
    '',
    '| fixture | client | result | fields checked | failures |',
    '|---|---|---|---|---|',
  ];
  for (const name of corpus) {
    for (const row of byFixture.get(name) ?? []) {
      const failures = row.spanFound
        ? row.checks.filter((c) => !c.pass).map((c) => `${c.field}: expected ${JSON.stringify(c.expected)} got ${JSON.stringify(c.actual)}`)
        : ['no span'];
      const fields = row.checks.map((c) => c.field).join(', ');
      lines.push(`| ${name} | ${row.client} | ${failures.length === 0 ? 'pass' : 'FAIL'} | ${fields} | ${failures.join('; ')} |`);
    }
  }
  for (const name of missing) lines.push(`| ${name} | (none) | NOT REPLAYED | | |`);
  return { text: lines.join('\n') + '\n', exact, missing };
}

export function setup(): void {
  fs.rmSync(REPORT_DIR, { recursive: true, force: true });
}

export function teardown(): void {
  const rows = readFixtureReport();
  if (rows.length === 0) return; // a partial run (one unit file) replays nothing
  const corpus = listFixtures().map((f) => f.name);
  const { text, exact, missing } = renderReport(rows, corpus);
  fs.writeFileSync(REPORT_FILE, text);
  const checks = rows.reduce((n, r) => n + r.checks.length, 0);
  console.log(
    `\nfixture report: ${exact}/${corpus.length} recorded exchanges exact through their clients ` +
      `(${rows.length} replays, ${checks} field checks); ${path.relative(process.cwd(), REPORT_FILE)}` +
      (missing.length === 0 ? '' : missing.length <= 10 ? `\nnot replayed: ${missing.join(', ')}` : `\n${missing.length} not replayed (a partial run?)`),
  );
}
