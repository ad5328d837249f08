import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

import type { ReceivedAttributes, ReceivedMetric, ReceivedSpan } from '../received-telemetry.js';
import { loadSqlite } from './load-sqlite.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './store-schema.js';
import { DEFAULT_STORE_LIMITS, type StoreLimits, type StoreStats } from './store-types.js';
import { spanFacts, tagPairs, UNKNOWN_SERVICE } from './span-facts.js';

export interface TraceStoreOptions {
  /** SQLite file; created with its directory if missing. Ignored when `memory` is set. */
  path?: string;
  /** Keep everything in memory (gone on exit). */
  memory?: boolean;
  limits?: Partial<StoreLimits>;
  /** Clock for the age limit; tests move it. */
  now?: () => number;
}

/** What a stored span's `data` column holds, next to the columns. */
interface SpanData {
  attributes: ReceivedAttributes;
  events: Array<{ name: string; timeUnixNano: string; attributes: ReceivedAttributes }>;
  resource: ReceivedAttributes;
  scope: { name: string; version?: string };
}

interface TraceDelta {
  startNs: bigint;
  endNs: bigint;
  rootSpanId: string | null;
  rootName: string | null;
  rootService: string | null;
  firstName: string;
  firstService: string;
  spanCount: number;
  errorCount: number;
  llmCount: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  bytes: number;
}

/** Age checks run at most this often; a count or byte overflow is handled on every batch. */
const AGE_CHECK_INTERVAL_MS = 1000;
/** Rows per multi-row INSERT of tags (3 parameters each; SQLite allows 32766 parameters). */
const TAG_ROWS_PER_STATEMENT = 200;
/** Metric points kept, oldest dropped first (they are small and only shown as recent values). */
const MAX_METRIC_POINTS = 100_000;

/**
 * The viewer's trace store: SQLite through Node's built-in `node:sqlite`, in a file that
 * survives restarts or in memory. Ingest is one transaction per export batch; each trace's
 * summary row is updated as its spans arrive. Bounded by traces, bytes and age: when a
 * bound is passed, the traces that started first are deleted, whole.
 *
 * Emits 'traces' with the ids of the traces a batch touched (for live updates).
 */
export class TraceStore extends EventEmitter<{ traces: [string[]] }> {
  readonly limits: StoreLimits;
  readonly location: string;
  private readonly db: DatabaseSync;
  private readonly now: () => number;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private traceCount: number;
  private totalBytes: number;
  private lastAgeCheckMs = 0;
  private closed = false;
  /** Operations already written, so each costs one statement per process, not per span. */
  private readonly knownOperations = new Set<string>();
  private readonly multiRowTagInserts = new Map<number, StatementSync>();

  static async open(options: TraceStoreOptions = {}): Promise<TraceStore> {
    const { DatabaseSync } = await loadSqlite();
    const location = options.memory || !options.path ? ':memory:' : path.resolve(options.path);
    if (location !== ':memory:') mkdirSync(path.dirname(location), { recursive: true });
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(location);
      // auto_vacuum must be chosen before the first table exists; it lets deleted pages go back to the OS.
      db.exec('PRAGMA auto_vacuum = INCREMENTAL');
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec('PRAGMA busy_timeout = 2000');
      const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
      if (version > SCHEMA_VERSION) {
        throw new Error(`was written by a newer llm-otel (schema ${version}, this one reads ${SCHEMA_VERSION}); use another --db`);
      }
      db.exec(SCHEMA_SQL);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    } catch (error) {
      throw new Error(`cannot open the trace store ${location}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return new TraceStore(db, location, { ...DEFAULT_STORE_LIMITS, ...options.limits }, options.now ?? Date.now);
  }

  private constructor(db: DatabaseSync, location: string, limits: StoreLimits, now: () => number) {
    super();
    this.db = db;
    this.location = location;
    this.limits = limits;
    this.now = now;
    this.statements = prepareStatements(db);
    const totals = db.prepare('SELECT COUNT(*) AS traces, COALESCE(SUM(bytes), 0) AS bytes FROM traces').get() as { traces: number; bytes: number };
    this.traceCount = totals.traces;
    this.totalBytes = totals.bytes;
    this.enforceLimits(true);
  }

  /** The database, for the query modules of this folder. */
  get database(): DatabaseSync {
    return this.db;
  }

  /** Stores a batch of spans; spans already stored (same trace and span id) are ignored. */
  ingestSpans(spans: ReceivedSpan[]): void {
    if (this.closed || spans.length === 0) return;
    const s = this.statements;
    const deltas = new Map<string, TraceDelta>();
    // Tag rows of the whole batch, deduplicated (a trace's resource repeats on every span), then
    // written many rows per statement: per-row statement calls were most of the ingest time.
    const tagRows = new Map<string, [string, string, string]>();
    const nowMs = this.now();
    this.db.exec('BEGIN');
    try {
      for (const span of spans) {
        const facts = spanFacts(span);
        const data: SpanData = {
          attributes: span.attributes,
          events: span.events.map((event) => ({ name: event.name, timeUnixNano: String(event.timeUnixNano), attributes: event.attributes })),
          resource: span.resource,
          scope: span.scope,
        };
        const json = JSON.stringify(data);
        const inserted = s.insertSpan.run(
          span.traceId,
          span.spanId,
          span.parentSpanId ?? null,
          span.name,
          span.kind,
          facts.service,
          span.startTimeUnixNano,
          facts.durationNs,
          span.status.code,
          span.status.message ?? null,
          facts.model ?? null,
          facts.provider ?? null,
          facts.operation ?? null,
          facts.inputTokens ?? null,
          facts.outputTokens ?? null,
          facts.costUsd ?? null,
          facts.timeToFirstChunkS ?? null,
          json,
        );
        if (inserted.changes === 0) continue;
        const bytes = json.length + span.name.length + 64;
        const delta = deltas.get(span.traceId);
        const isRoot = !span.parentSpanId;
        if (!delta) {
          deltas.set(span.traceId, {
            startNs: span.startTimeUnixNano,
            endNs: span.endTimeUnixNano,
            rootSpanId: isRoot ? span.spanId : null,
            rootName: isRoot ? span.name : null,
            rootService: isRoot ? facts.service : null,
            firstName: span.name,
            firstService: facts.service,
            spanCount: 1,
            errorCount: facts.isError ? 1 : 0,
            llmCount: facts.model ? 1 : 0,
            inputTokens: facts.inputTokens ?? 0,
            outputTokens: facts.outputTokens ?? 0,
            costUsd: facts.costUsd ?? null,
            bytes,
          });
        } else {
          if (span.startTimeUnixNano < delta.startNs) {
            delta.startNs = span.startTimeUnixNano;
            delta.firstName = span.name;
            delta.firstService = facts.service;
          }
          if (span.endTimeUnixNano > delta.endNs) delta.endNs = span.endTimeUnixNano;
          if (isRoot) {
            delta.rootSpanId = span.spanId;
            delta.rootName = span.name;
            delta.rootService = facts.service;
          }
          delta.spanCount += 1;
          delta.errorCount += facts.isError ? 1 : 0;
          delta.llmCount += facts.model ? 1 : 0;
          delta.inputTokens += facts.inputTokens ?? 0;
          delta.outputTokens += facts.outputTokens ?? 0;
          if (facts.costUsd !== undefined) delta.costUsd = (delta.costUsd ?? 0) + facts.costUsd;
          delta.bytes += bytes;
        }
        const tags: Array<[string, string]> = [];
        tagPairs(span.attributes, tags);
        tagPairs(span.resource, tags);
        if (!(ATTR_SERVICE_NAME in span.resource)) tags.push([ATTR_SERVICE_NAME, UNKNOWN_SERVICE]);
        for (const [key, value] of tags) tagRows.set(`${span.traceId}\u0000${key}\u0000${value}`, [key, value, span.traceId]);
        const operation = `${facts.service}\u0000${span.name}\u0000${span.kind}`;
        if (!this.knownOperations.has(operation)) {
          s.insertOperation.run(facts.service, span.name, span.kind);
          this.knownOperations.add(operation);
        }
      }
      this.insertTagRows([...tagRows.values()]);
      for (const [traceId, d] of deltas) {
        const existed = s.traceExists.get(traceId) !== undefined;
        s.upsertTrace.run(
          traceId, d.startNs, d.endNs, d.rootSpanId, d.rootName, d.rootService, d.firstName, d.firstService,
          d.spanCount, d.errorCount, d.llmCount, d.inputTokens, d.outputTokens, d.costUsd, d.bytes, nowMs,
        );
        if (!existed) this.traceCount += 1;
        this.totalBytes += d.bytes;
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    let earliestNs: bigint | undefined;
    for (const delta of deltas.values()) if (earliestNs === undefined || delta.startNs < earliestNs) earliestNs = delta.startNs;
    this.enforceLimits(false, earliestNs);
    if (deltas.size > 0) this.emit('traces', [...deltas.keys()]);
  }

  /** Stores metric data points (gauges, sums, histograms), bounded by count and age. */
  ingestMetrics(metrics: ReceivedMetric[]): void {
    if (this.closed || metrics.length === 0) return;
    this.db.exec('BEGIN');
    try {
      for (const metric of metrics) {
        const service = String(metric.resource[ATTR_SERVICE_NAME] ?? UNKNOWN_SERVICE);
        for (const point of metric.dataPoints) {
          const { timeUnixNano, ...rest } = point;
          this.statements.insertMetricPoint.run(
            metric.name,
            service,
            timeUnixNano,
            JSON.stringify({ type: metric.type, unit: metric.unit, ...rest }),
          );
        }
      }
      this.statements.trimMetricPoints.run(MAX_METRIC_POINTS);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Every span of a trace in start order, or [] when the store does not have it. */
  getTraceSpans(traceId: string): ReceivedSpan[] {
    const rows = this.statements.selectTraceSpans.all(traceId) as unknown as SpanRow[];
    return rows.map(spanFromRow);
  }

  stats(): StoreStats {
    const spans = (this.db.prepare('SELECT COUNT(*) AS n FROM spans').get() as { n: number }).n;
    return { traces: this.traceCount, spans, bytes: this.totalBytes, limits: this.limits, location: this.location };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private insertTagRows(rows: Array<[string, string, string]>): void {
    for (let start = 0; start < rows.length; start += TAG_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + TAG_ROWS_PER_STATEMENT);
      let statement = this.multiRowTagInserts.get(chunk.length);
      if (!statement) {
        statement = this.db.prepare(`INSERT OR IGNORE INTO trace_tags (key, value, trace_id) VALUES ${Array(chunk.length).fill('(?, ?, ?)').join(', ')}`);
        this.multiRowTagInserts.set(chunk.length, statement);
      }
      statement.run(...chunk.flat());
    }
  }

  /** Drops the earliest-started traces until every bound holds again. */
  private enforceLimits(force: boolean, earliestIngestedNs?: bigint): void {
    const s = this.statements;
    const nowMs = this.now();
    let dropped = 0;
    const cutoffNs = BigInt(Math.max(0, Math.floor(nowMs - this.limits.maxAgeMs))) * 1_000_000n;
    const ingestedExpired = earliestIngestedNs !== undefined && earliestIngestedNs < cutoffNs;
    if (force || ingestedExpired || nowMs - this.lastAgeCheckMs >= AGE_CHECK_INTERVAL_MS) {
      this.lastAgeCheckMs = nowMs;
      const old = s.selectTracesStartedBefore.all(cutoffNs) as Array<{ trace_id: string; bytes: number }>;
      if (old.length) dropped += this.deleteTraces(old);
    }
    while (this.traceCount > this.limits.maxTraces || this.totalBytes > this.limits.maxBytes) {
      const overCount = this.traceCount - this.limits.maxTraces;
      const oldest = s.selectOldestTraces.all(Math.max(overCount, 64)) as Array<{ trace_id: string; bytes: number }>;
      if (oldest.length === 0) break;
      if (overCount > 0) {
        dropped += this.deleteTraces(oldest.slice(0, overCount));
      } else {
        // Byte bound: only as many of the oldest as needed.
        let excess = this.totalBytes - this.limits.maxBytes;
        const needed: typeof oldest = [];
        for (const row of oldest) {
          needed.push(row);
          excess -= row.bytes;
          if (excess <= 0) break;
        }
        dropped += this.deleteTraces(needed);
      }
    }
    if (dropped > 0) this.db.exec('PRAGMA incremental_vacuum');
  }

  private deleteTraces(rows: Array<{ trace_id: string; bytes: number }>): number {
    const s = this.statements;
    this.db.exec('BEGIN');
    try {
      for (const row of rows) {
        s.deleteSpans.run(row.trace_id);
        s.deleteTags.run(row.trace_id);
        s.deleteTrace.run(row.trace_id);
        this.traceCount -= 1;
        this.totalBytes -= row.bytes;
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    return rows.length;
  }
}

export interface SpanRow {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  kind: number | bigint;
  start_ns: bigint;
  duration_ns: bigint;
  status_code: number | bigint;
  status_message: string | null;
  data: string;
}

export function spanFromRow(row: SpanRow): ReceivedSpan {
  const data = JSON.parse(row.data) as SpanData;
  const status: ReceivedSpan['status'] = { code: Number(row.status_code) };
  if (row.status_message) status.message = row.status_message;
  return {
    traceId: row.trace_id,
    spanId: row.span_id,
    ...(row.parent_span_id ? { parentSpanId: row.parent_span_id } : {}),
    name: row.name,
    kind: Number(row.kind),
    startTimeUnixNano: BigInt(row.start_ns),
    endTimeUnixNano: BigInt(row.start_ns) + BigInt(row.duration_ns),
    attributes: data.attributes,
    status,
    events: data.events.map((event) => ({ name: event.name, timeUnixNano: BigInt(event.timeUnixNano), attributes: event.attributes })),
    resource: data.resource,
    scope: data.scope,
  };
}

function prepareStatements(db: DatabaseSync) {
  const bigInts = (statement: StatementSync): StatementSync => {
    statement.setReadBigInts(true);
    return statement;
  };
  return {
    insertSpan: db.prepare(`INSERT OR IGNORE INTO spans (trace_id, span_id, parent_span_id, name, kind, service, start_ns, duration_ns,
      status_code, status_message, model, provider, operation, input_tokens, output_tokens, cost_usd, ttfc_s, data)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertOperation: db.prepare('INSERT OR IGNORE INTO operations (service, name, kind) VALUES (?, ?, ?)'),
    traceExists: db.prepare('SELECT 1 FROM traces WHERE trace_id = ?'),
    // SQLite evaluates every SET expression against the old row, so the CASEs compare with the old start.
    upsertTrace: db.prepare(`INSERT INTO traces (trace_id, start_ns, end_ns, root_span_id, root_name, root_service, first_name,
      first_service, span_count, error_count, llm_count, input_tokens, output_tokens, cost_usd, bytes, updated_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (trace_id) DO UPDATE SET
        start_ns = MIN(start_ns, excluded.start_ns),
        end_ns = MAX(end_ns, excluded.end_ns),
        root_span_id = COALESCE(excluded.root_span_id, root_span_id),
        root_name = COALESCE(excluded.root_name, root_name),
        root_service = COALESCE(excluded.root_service, root_service),
        first_name = CASE WHEN excluded.start_ns < start_ns THEN excluded.first_name ELSE first_name END,
        first_service = CASE WHEN excluded.start_ns < start_ns THEN excluded.first_service ELSE first_service END,
        span_count = span_count + excluded.span_count,
        error_count = error_count + excluded.error_count,
        llm_count = llm_count + excluded.llm_count,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        cost_usd = CASE WHEN excluded.cost_usd IS NULL THEN cost_usd ELSE COALESCE(cost_usd, 0) + excluded.cost_usd END,
        bytes = bytes + excluded.bytes,
        updated_ms = excluded.updated_ms`),
    selectTraceSpans: bigInts(
      db.prepare(`SELECT trace_id, span_id, parent_span_id, name, kind, start_ns, duration_ns, status_code, status_message, data
        FROM spans WHERE trace_id = ? ORDER BY start_ns, span_id`),
    ),
    selectOldestTraces: db.prepare('SELECT trace_id, bytes FROM traces ORDER BY start_ns LIMIT ?'),
    selectTracesStartedBefore: db.prepare('SELECT trace_id, bytes FROM traces WHERE start_ns < ?'),
    deleteSpans: db.prepare('DELETE FROM spans WHERE trace_id = ?'),
    deleteTags: db.prepare('DELETE FROM trace_tags WHERE trace_id = ?'),
    deleteTrace: db.prepare('DELETE FROM traces WHERE trace_id = ?'),
    insertMetricPoint: db.prepare('INSERT INTO metric_points (name, service, time_ns, data) VALUES (?, ?, ?, ?)'),
    trimMetricPoints: db.prepare('DELETE FROM metric_points WHERE id <= (SELECT MAX(id) FROM metric_points) - ?'),
  };
}
