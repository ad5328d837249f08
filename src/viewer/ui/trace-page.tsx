import { useEffect, useMemo, useState } from 'preact/hooks';

import type { TraceAnswer, ViewSpan } from '../api-types.js';
import { api } from './api-client.js';
import { formatCost, formatCount, formatDuration, formatTime } from './format.js';
import { isGenAiSpan } from './genai-attribute-groups.js';
import { routerDecision } from './router-decision.js';
import { traceHref } from './router.js';
import { kindName, SpanDetail } from './span-detail.js';

interface Row {
  span: ViewSpan;
  depth: number;
}

/** Depth-first order, children by start time; spans whose parent is missing become roots. */
function waterfallRows(spans: ViewSpan[]): Row[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, ViewSpan[]>();
  const roots: ViewSpan[] = [];
  for (const span of spans) {
    if (span.parentSpanId && ids.has(span.parentSpanId)) {
      const list = children.get(span.parentSpanId) ?? [];
      list.push(span);
      children.set(span.parentSpanId, list);
    } else roots.push(span);
  }
  const rows: Row[] = [];
  const seen = new Set<string>();
  const visit = (span: ViewSpan, depth: number) => {
    if (seen.has(span.spanId)) return;
    seen.add(span.spanId);
    rows.push({ span, depth });
    for (const child of (children.get(span.spanId) ?? []).sort((a, b) => a.startUs - b.startUs)) visit(child, depth + 1);
  };
  for (const root of roots.sort((a, b) => a.startUs - b.startUs)) visit(root, 0);
  for (const span of spans) visit(span, 0);
  return rows;
}

export function TracePage(props: { traceId: string; spanId?: string }) {
  const [trace, setTrace] = useState<TraceAnswer | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      api.trace(props.traceId).then(
        (answer) => !cancelled && setTrace(answer),
        (e: Error) => !cancelled && setError(e.message),
      );
    load();
    // Late spans of this trace show up without a reload.
    const stop = api.onTraces((ids) => ids.includes(props.traceId) && load());
    return () => {
      cancelled = true;
      stop();
    };
  }, [props.traceId]);

  const rows = useMemo(() => (trace ? waterfallRows(trace.spans) : []), [trace]);
  if (error) return <p class="error-text">Trace {props.traceId}: {error}</p>;
  if (!trace) return <p>Loading…</p>;

  const start = Math.min(...trace.spans.map((s) => s.startUs));
  const end = Math.max(...trace.spans.map((s) => s.startUs + s.durationUs));
  const total = Math.max(1, end - start);
  const selected = trace.spans.find((s) => s.spanId === props.spanId) ?? rows.find((r) => isGenAiSpan(r.span.attributes))?.span ?? rows[0]?.span;
  const s = trace.summary;

  return (
    <section class="trace-page">
      <header class="trace-header">
        <h1>{s.rootName}</h1>
        <p class="muted">
          trace {s.traceId} · {s.service} · {formatTime(s.startMs)} · {formatDuration(s.durationMs)} · {s.spanCount} spans
          {s.errorCount ? ` · ${s.errorCount} errors` : ''}
          {s.llmCount ? ` · ${s.llmCount} LLM calls · tokens ${formatCount(s.inputTokens)} in / ${formatCount(s.outputTokens)} out` : ''}
          {s.costUsd !== null ? ` · cost ${formatCost(s.costUsd)}` : ''}
        </p>
      </header>
      <div class="trace-body">
        <div class="waterfall" data-testid="waterfall">
          <div class="ticks">
            {[0, 0.25, 0.5, 0.75, 1].map((f) => (
              <span key={f} style={{ left: `${f * 100}%` }}>
                {formatDuration((f * total) / 1000)}
              </span>
            ))}
          </div>
          {rows.map(({ span, depth }) => {
            const genAi = isGenAiSpan(span.attributes);
            const decision = routerDecision(span.name, span.attributes) !== undefined;
            const classes = ['span-row', span.status.code === 2 ? 'error' : '', genAi ? 'genai' : '', decision ? 'decision-row' : '', span === selected ? 'selected' : '']
              .filter(Boolean)
              .join(' ');
            return (
              <a key={span.spanId} class={classes} href={traceHref(props.traceId, span.spanId)} data-span-id={span.spanId} data-span-name={span.name}>
                <span class="span-label" style={{ paddingLeft: `${depth * 14}px` }}>
                  <span class={`kind kind-${kindName(span.kind)}`} title={`kind: ${kindName(span.kind)}`}>
                    {kindName(span.kind).slice(0, 3)}
                  </span>
                  {genAi && <span class="badge genai">AI</span>}
                  {decision && <span class="badge route">route</span>}
                  {span.status.code === 2 && <span class="badge err">error</span>}
                  <span class="span-name">{span.name}</span>
                </span>
                <span class="bar-track">
                  <span class="bar" style={{ left: `${((span.startUs - start) / total) * 100}%`, width: `${Math.max(0.4, (span.durationUs / total) * 100)}%` }} />
                  <span class="bar-text">{formatDuration(span.durationUs / 1000)}</span>
                </span>
              </a>
            );
          })}
        </div>
        {selected && <SpanDetail span={selected} />}
      </div>
    </section>
  );
}
