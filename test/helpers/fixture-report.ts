import fs from 'node:fs';
import path from 'node:path';
import { checkFixtureSpan, type FieldCheck } from './expected-attributes.js';
import type { Fixture } from './fixtures.js';
import type { ReceivedSpan } from './otlp-receiver.js';
import { REPO_ROOT } from './run-traced-app.js';

/**
 * The corpus report: every replay run appends what it checked (one JSON file per run, so test
 * files running in parallel never write the same file); test/global-setup.ts turns them into
 * test-results/fixture-report.md when the suite ends.
 */
export const REPORT_DIR = path.join(REPO_ROOT, 'test-results', 'fixture-report');

export interface FixtureReportRow {
  fixture: string;
  provider: string;
  api: string;
  client: string;
  node: string;
  spanFound: boolean;
  checks: FieldCheck[];
}

export function recordFixtureReplays(
  driverClient: string,
  replays: Array<{ fixture: Fixture; span?: ReceivedSpan; client: string; provider?: string }>,
): void {
  const rows: FixtureReportRow[] = replays.map(({ fixture, span, client, provider }) => ({
    fixture: fixture.name,
    provider: fixture.provider,
    api: fixture.api,
    client: client === 'fetch' && driverClient !== 'fetch' ? `fetch (${driverClient} has no method for it)` : driverClient,
    node: process.version,
    spanFound: span !== undefined,
    checks: span ? checkFixtureSpan(fixture, span, provider) : [],
  }));
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  const file = path.join(REPORT_DIR, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`);
  fs.writeFileSync(file, JSON.stringify(rows));
}

export function readFixtureReport(): FixtureReportRow[] {
  if (!fs.existsSync(REPORT_DIR)) return [];
  return fs
    .readdirSync(REPORT_DIR)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(REPORT_DIR, f), 'utf8')) as FixtureReportRow[]);
}
