import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

import {
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_SESSION_ID,
  ATTR_USER_ID,
} from '../../semconv.js';
import { ATTR_LLM_OTEL_TAGS } from '../../spans/llm-otel-attributes.js';
import type { ReceivedSpan } from '../received-telemetry.js';
import { STATUS_CODE_ERROR } from './span-facts.js';
import type { LlmCallRow, SpanSearch, TraceListFilter, TraceSummary } from './store-types.js';
import { spanFromRow, type SpanRow, type TraceStore } from './trace-store.js';

type Param = string | number | bigint | null;

const MAX_LIST_LIMIT = 1000;

/** A LIKE pattern that matches `text` literally anywhere. */
function likeAnywhere(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function tagCondition(keys: string[], value: string, params: Param[]): string {
  params.push(...keys, value);
  return `t.trace_id IN (SELECT trace_id FROM trace_tags WHERE key IN (${keys.map(() => '?').join(', ')}) AND value = ?)`;
}

/** node:sqlite refuses integers beyond 2^53 as numbers, so nanosecond times are read as microseconds. */
const TRACE_COLUMNS = `trace_id, start_ns / 1000 AS start_us, (end_ns - start_ns) / 1000.0 AS duration_us, root_name, root_service,
  first_name, first_service, span_count, error_count, llm_count, input_tokens, output_tokens, cost_usd`;

interface TraceRow {
  trace_id: string;
  start_us: number;
  duration_us: number;
  root_name: string | null;
  root_service: string | null;
  first_name: string;
  first_service: string;
  span_count: number;
  error_count: number;
  llm_count: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
}

function summaryFrom(row: TraceRow): TraceSummary {
  return {
    traceId: row.trace_id,
    startMs: row.start_us / 1000,
    durationMs: row.duration_us / 1000,
    service: row.root_service ?? row.first_service,
    rootName: row.root_name ?? row.first_name,
    hasRoot: row.root_name !== null,
    spanCount: row.span_count,
    errorCount: row.error_count,
    llmCount: row.llm_count,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
  };
}

/** The trace list: newest first, every filter an index lookup except free text. */
export function listTraces(store: TraceStore, filter: TraceListFilter): TraceSummary[] {
  const where: string[] = [];
  const params: Param[] = [];
  if (filter.service) where.push(tagCondition([ATTR_SERVICE_NAME], filter.service, params));
  if (filter.model) where.push(tagCondition([ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_MODEL], filter.model, params));
  if (filter.provider) where.push(tagCondition([ATTR_GEN_AI_PROVIDER_NAME], filter.provider, params));
  if (filter.user) where.push(tagCondition([ATTR_USER_ID], filter.user, params));
  if (filter.session) where.push(tagCondition([ATTR_SESSION_ID], filter.session, params));
  if (filter.tag) {
    const equals = filter.tag.indexOf('=');
    if (equals > 0) where.push(tagCondition([filter.tag.slice(0, equals).trim()], filter.tag.slice(equals + 1).trim(), params));
    else where.push(tagCondition([ATTR_LLM_OTEL_TAGS], filter.tag.trim(), params));
  }
  if (filter.status === 'error') where.push('t.error_count > 0');
  if (filter.status === 'ok') where.push('t.error_count = 0');
  if (filter.startMs !== undefined) {
    where.push('t.start_ns >= ?');
    params.push(BigInt(Math.floor(filter.startMs)) * 1_000_000n);
  }
  if (filter.endMs !== undefined) {
    where.push('t.start_ns <= ?');
    params.push(BigInt(Math.ceil(filter.endMs)) * 1_000_000n);
  }
  if (filter.text) {
    const pattern = likeAnywhere(filter.text);
    where.push(`(t.trace_id LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id AND s.name LIKE ? ESCAPE '\\')
      OR EXISTS (SELECT 1 FROM trace_tags g WHERE g.trace_id = t.trace_id AND g.value LIKE ? ESCAPE '\\'))`);
    params.push(pattern, pattern, pattern);
  }
  const limit = Math.min(Math.max(1, filter.limit ?? 200), MAX_LIST_LIMIT);
  params.push(limit);
  const sql = `SELECT ${TRACE_COLUMNS} FROM traces t ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.start_ns DESC LIMIT ?`;
  return (store.database.prepare(sql).all(...params) as unknown as TraceRow[]).map(summaryFrom);
}

export function getTraceSummary(store: TraceStore, traceId: string): TraceSummary | undefined {
  const row = store.database.prepare(`SELECT ${TRACE_COLUMNS} FROM traces WHERE trace_id = ?`).get(traceId) as TraceRow | undefined;
  return row ? summaryFrom(row) : undefined;
}

export function listServices(store: TraceStore): string[] {
  const rows = store.database.prepare('SELECT DISTINCT service FROM operations ORDER BY service').all() as Array<{ service: string }>;
  return rows.map((row) => row.service);
}

export function listOperations(store: TraceStore, service: string): Array<{ name: string; kind: number }> {
  const rows = store.database
    .prepare('SELECT name, kind FROM operations WHERE service = ? ORDER BY name, kind')
    .all(service) as Array<{ name: string; kind: number }>;
  return rows;
}

/** Distinct values for the trace list's filter menus. */
export function listFacets(store: TraceStore): { services: string[]; models: string[]; providers: string[] } {
  const values = (keys: string[]) =>
    (
      store.database
        .prepare(`SELECT DISTINCT value FROM trace_tags WHERE key IN (${keys.map(() => '?').join(', ')}) ORDER BY value LIMIT 500`)
        .all(...keys) as Array<{ value: string }>
    ).map((row) => row.value);
  return {
    services: values([ATTR_SERVICE_NAME]),
    models: values([ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_MODEL]),
    providers: values([ATTR_GEN_AI_PROVIDER_NAME]),
  };
}

/**
 * Jaeger's span-level keys that are not attributes in OTLP: Jaeger derives `span.kind`,
 * `error` and `otel.status_code` tags from the span's kind and status, so a search by them
 * is answered from those columns.
 */
const SPAN_KIND_NAMES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

function spanTagCondition(key: string, value: string, params: Param[]): string {
  if (key === 'span.kind') {
    params.push(Math.max(0, SPAN_KIND_NAMES.indexOf(value.toLowerCase())));
    return 's.kind = ?';
  }
  if (key === 'error') return value === 'true' ? `s.status_code = ${STATUS_CODE_ERROR}` : `s.status_code <> ${STATUS_CODE_ERROR}`;
  if (key === 'otel.status_code') {
    params.push(value.toUpperCase() === 'ERROR' ? STATUS_CODE_ERROR : value.toUpperCase() === 'OK' ? 1 : 0);
    return 's.status_code = ?';
  }
  params.push(key, value);
  return 's.trace_id IN (SELECT trace_id FROM trace_tags WHERE key = ? AND value = ?)';
}

/**
 * Trace ids whose spans match a Jaeger search, newest first. Service, operation, time and
 * duration apply to one span; attribute tags are matched within the trace (Jaeger matches
 * them on one span), span kind and status on the span.
 */
export function searchTraceIds(store: TraceStore, search: SpanSearch): string[] {
  const where: string[] = [];
  const params: Param[] = [];
  if (search.service) {
    where.push('s.service = ?');
    params.push(search.service);
  }
  if (search.operation) {
    where.push('s.name = ?');
    params.push(search.operation);
  }
  if (search.startNs !== undefined) {
    where.push('s.start_ns >= ?');
    params.push(search.startNs);
  }
  if (search.endNs !== undefined) {
    where.push('s.start_ns <= ?');
    params.push(search.endNs);
  }
  if (search.minDurationNs !== undefined) {
    where.push('s.duration_ns >= ?');
    params.push(search.minDurationNs);
  }
  if (search.maxDurationNs !== undefined) {
    where.push('s.duration_ns <= ?');
    params.push(search.maxDurationNs);
  }
  for (const [key, value] of Object.entries(search.tags)) where.push(spanTagCondition(key, value, params));
  params.push(search.limit);
  const sql = `SELECT s.trace_id FROM spans s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    GROUP BY s.trace_id ORDER BY MAX(s.start_ns) DESC LIMIT ?`;
  return (store.database.prepare(sql).all(...params) as Array<{ trace_id: string }>).map((row) => row.trace_id);
}

interface LlmRow {
  trace_id: string;
  span_id: string;
  name: string;
  service: string;
  model: string;
  provider: string | null;
  start_us: number;
  duration_us: number;
  status_code: number;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  ttfc_s: number | null;
}

/** LLM calls that started in [startMs, endMs], oldest first, at most `limit`. */
export function listLlmCalls(store: TraceStore, startMs: number, endMs: number, limit: number): LlmCallRow[] {
  const rows = store.database
    .prepare(`SELECT trace_id, span_id, name, service, model, provider, start_ns / 1000 AS start_us, duration_ns / 1000.0 AS duration_us, status_code,
      input_tokens, output_tokens, cost_usd, ttfc_s FROM spans
      WHERE model IS NOT NULL AND start_ns >= ? AND start_ns <= ? ORDER BY start_ns DESC LIMIT ?`)
    .all(BigInt(Math.floor(startMs)) * 1_000_000n, BigInt(Math.ceil(endMs)) * 1_000_000n, limit) as unknown as LlmRow[];
  return rows.reverse().map((row) => ({
    traceId: row.trace_id,
    spanId: row.span_id,
    name: row.name,
    service: row.service,
    model: row.model,
    provider: row.provider,
    startMs: row.start_us / 1000,
    durationMs: row.duration_us / 1000,
    isError: row.status_code === STATUS_CODE_ERROR,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
    timeToFirstChunkS: row.ttfc_s,
  }));
}

/** The newest LLM spans, whole (attributes included), for the tasks page. */
export function listLlmSpans(store: TraceStore, limit: number): ReceivedSpan[] {
  const statement = store.database.prepare(`SELECT trace_id, span_id, parent_span_id, name, kind, start_ns, duration_ns,
    status_code, status_message, data FROM spans WHERE model IS NOT NULL ORDER BY start_ns DESC LIMIT ?`);
  statement.setReadBigInts(true);
  return (statement.all(limit) as unknown as SpanRow[]).map(spanFromRow);
}

/** Recent metric points by name (newest first), for the models page. */
export function listMetricNames(store: TraceStore): Array<{ name: string; service: string; points: number }> {
  return store.database
    .prepare('SELECT name, service, COUNT(*) AS points FROM metric_points GROUP BY name, service ORDER BY name, service')
    .all() as Array<{ name: string; service: string; points: number }>;
}
