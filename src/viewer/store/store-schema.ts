/**
 * The store's tables. One row per trace (its summary, kept up to date on ingest so the trace
 * list is a single indexed scan), one per span (facts as columns for the filters, the rest as
 * JSON), and `trace_tags`: every short scalar attribute of a trace's spans and resources as
 * (key, value), so tag, service, model, provider, user and session filters are index lookups.
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS traces (
  trace_id TEXT PRIMARY KEY,
  start_ns INTEGER NOT NULL,
  end_ns INTEGER NOT NULL,
  root_span_id TEXT,
  root_name TEXT,
  root_service TEXT,
  first_name TEXT NOT NULL,
  first_service TEXT NOT NULL,
  span_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL,
  llm_count INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cost_usd REAL,
  bytes INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS traces_by_start ON traces (start_ns);

CREATE TABLE IF NOT EXISTS spans (
  trace_id TEXT NOT NULL,
  span_id TEXT NOT NULL,
  parent_span_id TEXT,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  service TEXT NOT NULL,
  start_ns INTEGER NOT NULL,
  duration_ns INTEGER NOT NULL,
  status_code INTEGER NOT NULL,
  status_message TEXT,
  model TEXT,
  provider TEXT,
  operation TEXT,
  input_tokens INTEGER,
  output_tokens INTEGER,
  cost_usd REAL,
  ttfc_s REAL,
  data TEXT NOT NULL,
  PRIMARY KEY (trace_id, span_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS spans_by_service_name ON spans (service, name, start_ns);
CREATE INDEX IF NOT EXISTS spans_by_model ON spans (model, start_ns) WHERE model IS NOT NULL;
CREATE INDEX IF NOT EXISTS spans_llm_by_start ON spans (start_ns) WHERE model IS NOT NULL;

CREATE TABLE IF NOT EXISTS trace_tags (
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  PRIMARY KEY (key, value, trace_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS trace_tags_by_trace ON trace_tags (trace_id);

CREATE TABLE IF NOT EXISTS operations (
  service TEXT NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  PRIMARY KEY (service, name, kind)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS metric_points (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  service TEXT NOT NULL,
  time_ns INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS metric_points_by_time ON metric_points (time_ns);
CREATE INDEX IF NOT EXISTS metric_points_by_name ON metric_points (name, time_ns);
`;
