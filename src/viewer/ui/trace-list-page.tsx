import { useEffect, useRef, useState } from 'preact/hooks';

import type { Facets, TraceSummary } from '../api-types.js';
import { api } from './api-client.js';
import { formatCost, formatCount, formatDuration, formatTime } from './format.js';
import { traceHref } from './router.js';

const RANGES: Array<[string, number | undefined]> = [
  ['last 15 minutes', 15 * 60_000],
  ['last hour', 3_600_000],
  ['last 6 hours', 6 * 3_600_000],
  ['last 24 hours', 24 * 3_600_000],
  ['last 7 days', 7 * 24 * 3_600_000],
  ['all', undefined],
];

const TEXT_FILTERS = [
  ['user', 'user id'],
  ['session', 'session id'],
  ['tag', 'tag or key=value'],
  ['q', 'search: name, id, value'],
] as const;

function Select(props: { name: string; label: string; value: string; options: string[]; onChange: (value: string) => void }) {
  return (
    <label>
      {props.label}
      <select name={props.name} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        <option value="">any</option>
        {props.options.map((option) => (
          <option value={option} key={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

function queryFor(filters: Record<string, string>, rangeMs: number | undefined): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (rangeMs !== undefined) query.set('start', String(Date.now() - rangeMs));
  query.set('limit', '200');
  return query;
}

export function TraceListPage(props: { initial: URLSearchParams }) {
  const [filters, setFilters] = useState<Record<string, string>>(() => {
    const initial: Record<string, string> = {};
    for (const key of ['service', 'model', 'provider', 'status', 'user', 'session', 'tag', 'q']) initial[key] = props.initial.get(key) ?? '';
    return initial;
  });
  const [range, setRange] = useState(props.initial.get('range') ?? 'all');
  const [traces, setTraces] = useState<TraceSummary[] | undefined>();
  const [facets, setFacets] = useState<Facets>({ services: [], models: [], providers: [] });
  const [error, setError] = useState<string | undefined>();
  const [live, setLive] = useState(true);
  const refresh = useRef<() => void>(() => {});

  const rangeMs = RANGES.find(([label]) => label === range)?.[1];
  refresh.current = () => {
    api.traces(queryFor(filters, rangeMs)).then((answer) => {
      setTraces(answer.traces);
      setError(undefined);
    }, (e: Error) => setError(e.message));
    api.facets().then(setFacets, () => {});
  };

  useEffect(() => {
    refresh.current();
    const shown = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    if (range !== 'all') shown.set('range', range);
    history.replaceState(null, '', `#/${shown.size ? `?${shown}` : ''}`);
  }, [JSON.stringify(filters), range]);

  useEffect(() => {
    if (!live) return;
    let timer: number | undefined;
    const stop = api.onTraces(() => {
      // Coalesce bursts: one list refresh at most every half second.
      if (timer === undefined) timer = window.setTimeout(() => ((timer = undefined), refresh.current()), 500);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [live]);

  const set = (key: string) => (value: string) => setFilters({ ...filters, [key]: value });

  return (
    <section>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <Select name="service" label="service" value={filters.service!} options={facets.services} onChange={set('service')} />
        <Select name="model" label="model" value={filters.model!} options={facets.models} onChange={set('model')} />
        <Select name="provider" label="provider" value={filters.provider!} options={facets.providers} onChange={set('provider')} />
        <Select name="status" label="status" value={filters.status!} options={['error', 'ok']} onChange={set('status')} />
        {TEXT_FILTERS.map(([key, placeholder]) => (
          <label key={key}>
            {key === 'q' ? 'text' : key}
            <input name={key} type="search" placeholder={placeholder} value={filters[key]} onChange={(e) => set(key)((e.target as HTMLInputElement).value)} />
          </label>
        ))}
        <label>
          time
          <select name="range" value={range} onChange={(e) => setRange((e.target as HTMLSelectElement).value)}>
            {RANGES.map(([label]) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label class="live">
          <input type="checkbox" checked={live} onChange={(e) => setLive((e.target as HTMLInputElement).checked)} /> live
        </label>
      </form>
      {error && <p class="error-text">{error}</p>}
      {traces === undefined ? (
        <p>Loading…</p>
      ) : traces.length === 0 ? (
        <p class="empty">No traces yet. Point an app at OTLP (gRPC :4317 or HTTP :4318), e.g. <code>node --import llm-otel/register app.js</code>.</p>
      ) : (
        <table class="traces" data-testid="trace-list">
          <thead>
            <tr>
              <th>time</th>
              <th>service</th>
              <th>root span</th>
              <th class="num">duration</th>
              <th class="num">spans</th>
              <th class="num">errors</th>
              <th class="num">LLM calls</th>
              <th class="num">tokens in/out</th>
              <th class="num">cost</th>
            </tr>
          </thead>
          <tbody>
            {traces.map((trace) => (
              <tr key={trace.traceId} class={trace.errorCount ? 'has-error' : ''} data-trace-id={trace.traceId}>
                <td>{formatTime(trace.startMs)}</td>
                <td>{trace.service}</td>
                <td>
                  <a href={traceHref(trace.traceId)}>{trace.rootName}</a>
                  {!trace.hasRoot && <span class="muted"> (root not received)</span>}
                </td>
                <td class="num">{formatDuration(trace.durationMs)}</td>
                <td class="num">{trace.spanCount}</td>
                <td class="num">{trace.errorCount || ''}</td>
                <td class="num">{trace.llmCount || ''}</td>
                <td class="num">{trace.llmCount ? `${formatCount(trace.inputTokens)} / ${formatCount(trace.outputTokens)}` : ''}</td>
                <td class="num">{formatCost(trace.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
