import { listOperations, listServices, searchTraceIds } from '../store/trace-queries.js';
import type { TraceStore } from '../store/trace-store.js';
import type { SpanSearch } from '../store/store-types.js';
import { parseGoDuration } from './go-duration.js';
import type { JaegerResponse, JaegerTrace } from './jaeger-json-types.js';
import { jaegerTraceFrom, storedTraceId } from './jaeger-trace-json.js';

/** Jaeger's defaultQueryLimit for a search without `limit`. */
const DEFAULT_SEARCH_LIMIT = 100;
const MAX_SEARCH_LIMIT = 1500;

const OTLP_SPAN_KINDS: Record<string, number> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

export interface ApiAnswer {
  status: number;
  body: unknown;
}

function ok<T>(data: T, total: number): ApiAnswer {
  const body: JaegerResponse<T> = { data, total, limit: 0, offset: 0, errors: null };
  return { status: 200, body };
}

/** Jaeger's handleError: no data, one error with the HTTP code and message. */
function failure(status: number, msg: string): ApiAnswer {
  const body: JaegerResponse<null> = { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg }] };
  return { status, body };
}

class ParamError extends Error {}

function parseParam<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new ParamError(`unable to parse param '${name}': ${error instanceof Error ? error.message : String(error)}`);
  }
}

function integer(text: string): bigint {
  if (!/^-?\d+$/.test(text)) throw new Error(`invalid syntax: "${text}"`);
  return BigInt(text);
}

/**
 * `tag=key:value` (repeated) and `tags={"key":"value"}` (JSON), merged, as Jaeger's
 * parseTags reads them.
 */
function parseTags(query: URLSearchParams): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of query.getAll('tag')) {
    const colon = tag.indexOf(':');
    if (colon < 0) throw new ParamError(`malformed 'tag' parameter, expecting key:value, received: ${tag}`);
    tags[tag.slice(0, colon)] = tag.slice(colon + 1);
  }
  for (const json of query.getAll('tags')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw new ParamError(`malformed 'tags' parameter, cannot unmarshal JSON: ${String(error)}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ParamError("malformed 'tags' parameter, cannot unmarshal JSON: expected an object");
    }
    for (const [key, value] of Object.entries(parsed)) tags[key] = String(value);
  }
  return tags;
}

function spanSearchFrom(query: URLSearchParams): SpanSearch {
  const search: SpanSearch = { tags: parseTags(query), limit: DEFAULT_SEARCH_LIMIT };
  const service = query.get('service');
  const operation = query.get('operation');
  if (service) search.service = service;
  if (operation) search.operation = operation;
  const start = query.get('start');
  const end = query.get('end');
  if (start) search.startNs = parseParam('start', () => integer(start)) * 1000n;
  if (end) search.endNs = parseParam('end', () => integer(end)) * 1000n;
  const lookback = query.get('lookback');
  if (!start && lookback && lookback !== 'custom') {
    search.startNs = BigInt(Date.now()) * 1_000_000n - parseParam('lookback', () => parseGoDuration(lookback));
  }
  const limit = query.get('limit');
  if (limit) search.limit = Math.min(Number(parseParam('limit', () => integer(limit))), MAX_SEARCH_LIMIT);
  if (search.limit <= 0) search.limit = DEFAULT_SEARCH_LIMIT;
  const minDuration = query.get('minDuration');
  const maxDuration = query.get('maxDuration');
  if (minDuration) search.minDurationNs = parseParam('minDuration', () => parseGoDuration(minDuration));
  if (maxDuration) search.maxDurationNs = parseParam('maxDuration', () => parseGoDuration(maxDuration));
  if (search.minDurationNs !== undefined && search.maxDurationNs !== undefined && search.maxDurationNs < search.minDurationNs) {
    throw new ParamError("'maxDuration' should be greater than 'minDuration'");
  }
  return search;
}

function traceById(store: TraceStore, id: string): JaegerTrace | undefined {
  const traceId = storedTraceId(id);
  if (!traceId) return undefined;
  const spans = store.getTraceSpans(traceId);
  return spans.length ? jaegerTraceFrom(spans) : undefined;
}

/**
 * Answers the Jaeger query service's HTTP API from the store, or returns undefined when
 * `pathname` is not one of its endpoints. Only GET reaches here.
 */
export function answerJaegerApi(store: TraceStore, pathname: string, query: URLSearchParams): ApiAnswer | undefined {
  try {
    if (pathname === '/api/services') {
      const services = listServices(store);
      return ok(services, services.length);
    }
    const operationsMatch = /^\/api\/services\/([^/]+)\/operations$/.exec(pathname);
    if (operationsMatch) {
      const names = [...new Set(listOperations(store, decodeURIComponent(operationsMatch[1]!)).map((op) => op.name))];
      return ok(names, names.length);
    }
    if (pathname === '/api/operations') {
      const service = query.get('service');
      if (!service) return failure(400, "parameter 'service' is required");
      const kind = query.get('spanKind');
      const wanted = kind ? OTLP_SPAN_KINDS[kind] : undefined;
      const operations = listOperations(store, service)
        .filter((op) => wanted === undefined || op.kind === wanted)
        .map((op) => ({ name: op.name, spanKind: Object.keys(OTLP_SPAN_KINDS).find((k) => OTLP_SPAN_KINDS[k] === op.kind) ?? '' }));
      return ok(operations, operations.length);
    }
    const traceMatch = /^\/api\/traces\/([^/]+)$/.exec(pathname);
    if (traceMatch) {
      const trace = traceById(store, decodeURIComponent(traceMatch[1]!));
      return trace ? ok([trace], 0) : failure(404, 'trace not found');
    }
    if (pathname === '/api/traces') {
      const ids = query.getAll('traceID');
      if (ids.length) {
        const traces: JaegerTrace[] = [];
        const errors: Array<{ msg: string; traceID: string }> = [];
        for (const id of ids) {
          const trace = traceById(store, id);
          if (trace) traces.push(trace);
          else errors.push({ msg: 'trace not found', traceID: id });
        }
        return { status: 200, body: { data: traces, total: 0, limit: 0, offset: 0, errors: errors.length ? errors : null } };
      }
      const traces = searchTraceIds(store, spanSearchFrom(query))
        .map((id) => store.getTraceSpans(id))
        .filter((spans) => spans.length > 0)
        .map(jaegerTraceFrom);
      return ok(traces, 0);
    }
  } catch (error) {
    if (error instanceof ParamError) return failure(400, error.message);
    return failure(500, error instanceof Error ? error.message : String(error));
  }
  return undefined;
}
