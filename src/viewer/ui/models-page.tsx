import { useEffect, useState } from 'preact/hooks';

import type { ModelBucket, ModelsAnswer } from '../api-types.js';
import { api } from './api-client.js';
import { formatCost, formatCount, formatDuration } from './format.js';
import { colorFor, LineChart } from './line-chart.js';

const RANGES: Array<[string, number]> = [
  ['last 15 minutes', 15 * 60_000],
  ['last hour', 3_600_000],
  ['last 24 hours', 24 * 3_600_000],
  ['last 7 days', 7 * 24 * 3_600_000],
];

const CHARTS: Array<{ title: string; value: (b: ModelBucket) => number | null; format: (v: number) => string }> = [
  { title: 'calls', value: (b) => b.calls, format: (v) => formatCount(Math.round(v)) },
  { title: 'tokens (in + out)', value: (b) => b.tokens, format: (v) => formatCount(Math.round(v)) },
  { title: 'cost (USD)', value: (b) => b.costUsd, format: (v) => formatCost(v) },
  { title: 'error rate', value: (b) => (b.calls ? b.errors / b.calls : null), format: (v) => `${Math.round(v * 100)}%` },
  { title: 'duration p95', value: (b) => b.durationP95Ms, format: (v) => formatDuration(v) },
  { title: 'time to first chunk p95', value: (b) => b.ttftP95Ms, format: (v) => formatDuration(v) },
];

const ms = (v: number | null) => (v === null ? '' : formatDuration(v));

export function ModelsPage() {
  const [range, setRange] = useState(RANGES[1]![0]);
  const [answer, setAnswer] = useState<ModelsAnswer | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const load = () => {
      const end = Date.now();
      api.models(end - RANGES.find(([label]) => label === range)![1], end).then(setAnswer, (e: Error) => setError(e.message));
    };
    load();
    let timer: number | undefined;
    const stop = api.onTraces(() => {
      if (timer === undefined) timer = window.setTimeout(() => ((timer = undefined), load()), 2000);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [range]);

  if (error) return <p class="error-text">{error}</p>;
  if (!answer) return <p>Loading…</p>;
  const models = Object.keys(answer.series);
  return (
    <section class="models-page">
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          time
          <select value={range} onChange={(e) => setRange((e.target as HTMLSelectElement).value)}>
            {RANGES.map(([label]) => (
              <option key={label}>{label}</option>
            ))}
          </select>
        </label>
        <span class="legend">
          {models.map((model, index) => (
            <span key={model} class="legend-item">
              <span class="swatch" style={{ background: colorFor(index) }} /> {model}
            </span>
          ))}
        </span>
      </form>
      {answer.rows.length === 0 ? (
        <p class="empty">No LLM calls in this range.</p>
      ) : (
        <>
          <table class="models" data-testid="models-table">
            <thead>
              <tr>
                <th>model</th>
                <th>service</th>
                <th class="num">calls</th>
                <th class="num">error rate</th>
                <th class="num">tokens in / out</th>
                <th class="num">cost</th>
                <th class="num">duration p50 / p95</th>
                <th class="num">TTFT p50 / p95</th>
              </tr>
            </thead>
            <tbody>
              {answer.rows.map((row) => (
                <tr key={`${row.model}/${row.service}`} data-model={row.model}>
                  <td>{row.model}</td>
                  <td>{row.service}</td>
                  <td class="num">{formatCount(row.calls)}</td>
                  <td class="num">{`${((row.errors / row.calls) * 100).toFixed(1)}%`}</td>
                  <td class="num">{`${formatCount(row.inputTokens)} / ${formatCount(row.outputTokens)}`}</td>
                  <td class="num">{formatCost(row.costUsd)}</td>
                  <td class="num">{`${ms(row.durationP50Ms)} / ${ms(row.durationP95Ms)}`}</td>
                  <td class="num">{row.ttftP50Ms === null ? '' : `${ms(row.ttftP50Ms)} / ${ms(row.ttftP95Ms)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="charts">
            {CHARTS.map((chart) => (
              <LineChart key={chart.title} title={chart.title} format={chart.format} series={models.map((model) => ({ name: model, values: answer.series[model]!.map(chart.value) }))} />
            ))}
          </div>
          <p class="muted">
            Buckets of {formatDuration(answer.bucketMs)}. Computed from the stored LLM spans.
            {answer.metrics.length > 0 && ` Metric streams received over OTLP: ${answer.metrics.map((m) => `${m.name} (${m.service}, ${m.points} points)`).join(', ')}.`}
          </p>
        </>
      )}
    </section>
  );
}
