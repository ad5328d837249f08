import type { ModelsAnswer, StatsAnswer, TasksAnswer, TraceAnswer, TraceListAnswer, ViewSpan } from '../api-types.js';
import { modelStats } from '../insights/model-stats.js';
import { promptTasks } from '../insights/prompt-tasks.js';
import type { ReceivedSpan } from '../received-telemetry.js';
import { serviceOf } from '../store/span-facts.js';
import type { TraceListFilter } from '../store/store-types.js';
import { getTraceSummary, listFacets, listLlmCalls, listLlmSpans, listMetricNames, listTraces } from '../store/trace-queries.js';
import type { TraceStore } from '../store/trace-store.js';
import type { ApiAnswer } from '../jaeger/jaeger-api.js';

export const VIEWER_API_PREFIX = '/api/llm-otel/';

const MAX_MODEL_CALLS = 200_000;
const TASK_CALLS = 2000;
const HOUR_MS = 3_600_000;

function viewSpan(span: ReceivedSpan): ViewSpan {
  return {
    spanId: span.spanId,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    name: span.name,
    kind: span.kind,
    service: serviceOf(span),
    startUs: Number(span.startTimeUnixNano / 1000n),
    durationUs: Number(span.endTimeUnixNano - span.startTimeUnixNano) / 1000,
    status: span.status,
    attributes: span.attributes,
    events: span.events.map((event) => ({ name: event.name, timeUs: Number(event.timeUnixNano / 1000n), attributes: event.attributes })),
    resource: span.resource,
    scope: span.scope,
  };
}

function numberParam(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a number, got '${text}'`);
  return value;
}

function listFilter(query: URLSearchParams): TraceListFilter {
  const filter: TraceListFilter = {};
  for (const key of ['service', 'model', 'provider', 'user', 'session', 'tag'] as const) {
    const value = query.get(key);
    if (value) filter[key] = value;
  }
  const status = query.get('status');
  if (status === 'error' || status === 'ok') filter.status = status;
  const text = query.get('q');
  if (text) filter.text = text;
  filter.startMs = numberParam(query, 'start');
  filter.endMs = numberParam(query, 'end');
  filter.limit = numberParam(query, 'limit');
  return filter;
}

const answer = (body: unknown, status = 200): ApiAnswer => ({ status, body });

/** The UI's API, or undefined when `pathname` is not one of its endpoints. */
export function answerViewerApi(store: TraceStore, pathname: string, query: URLSearchParams): ApiAnswer | undefined {
  if (!pathname.startsWith(VIEWER_API_PREFIX)) return undefined;
  const route = pathname.slice(VIEWER_API_PREFIX.length);
  try {
    if (route === 'traces') {
      const body: TraceListAnswer = { traces: listTraces(store, listFilter(query)) };
      return answer(body);
    }
    if (route === 'facets') return answer(listFacets(store));
    const traceMatch = /^traces\/([0-9a-f]{32})$/.exec(route);
    if (traceMatch) {
      const summary = getTraceSummary(store, traceMatch[1]!);
      if (!summary) return answer({ error: 'trace not found' }, 404);
      const body: TraceAnswer = { summary, spans: store.getTraceSpans(traceMatch[1]!).map(viewSpan) };
      return answer(body);
    }
    if (route === 'models') {
      const endMs = numberParam(query, 'end') ?? Date.now();
      const startMs = numberParam(query, 'start') ?? endMs - HOUR_MS;
      const buckets = Math.min(200, Math.max(1, numberParam(query, 'buckets') ?? 30));
      const calls = listLlmCalls(store, startMs, endMs, MAX_MODEL_CALLS);
      const body: ModelsAnswer = { ...modelStats(calls, startMs, endMs, buckets), metrics: listMetricNames(store) };
      return answer(body);
    }
    if (route === 'tasks') {
      const spans = listLlmSpans(store, TASK_CALLS);
      const body: TasksAnswer = { tasks: promptTasks(spans.reverse()), callsConsidered: spans.length };
      return answer(body);
    }
    if (route === 'stats') {
      const stats = store.stats();
      const body: StatsAnswer = { traces: stats.traces, spans: stats.spans, bytes: stats.bytes, location: stats.location, limits: stats.limits };
      return answer(body);
    }
  } catch (error) {
    if (error instanceof RangeError) return answer({ error: error.message }, 400);
    return answer({ error: error instanceof Error ? error.message : String(error) }, 500);
  }
  return answer({ error: `no endpoint ${pathname}` }, 404);
}
