// Markdown tables of bench/results-instructions.json: instructions per call (V8 compilation left
// out), the added instructions over the untraced run of the same cell, the target check, the
// spread of repeated cells, the garbage collector's share and the compilation share.
import { CONCURRENCIES, MODES, MODE_LABELS } from '../configurations.mjs';

const CONFIG_ORDER = ['none', 'undici', 'llm-otel', 'llm-otel-metrics', 'otel-openai', 'traceloop', 'openinference'];
const CONFIG_LABELS = {
  none: 'untraced, absolute',
  undici: 'OTel SDK + instrumentation-undici (HTTP span only)',
  'llm-otel': 'llm-otel',
  'llm-otel-metrics': 'llm-otel, metrics on (the default)',
  'otel-openai': '@opentelemetry/instrumentation-openai',
  traceloop: '@traceloop/instrumentation-openai',
  openinference: '@arizeai/openinference-instrumentation-openai',
};
/** The GenAI instrumentations llm-otel's cost is held against (bench/configurations.mjs `peer`). */
const PEERS = ['otel-openai', 'traceloop', 'openinference'];
/** Below this many spans per call a configuration does not trace the call. */
const TRACED = 0.95;
const SDK_ORDER = ['openai7', 'openai6'];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const thousands = (n) => `${Math.round(n / 1000).toLocaleString('en-US')}k`;
const signedThousands = (n) => `${n >= 0 ? '+' : '-'}${thousands(Math.abs(n))}`;

/**
 * The processors the records were measured on. Counts are comparable within one processor only:
 * the same code takes other paths (e.g. in memcpy or V8's CPU-feature checks) on another.
 */
const cpus = (records, meta) => [...new Set(records.map((r) => r.cpu ?? meta.cpu))].join(' and ');

/** The router's cells (bench/instructions/router-cells.mjs) are the ones of its fetch client. */
const ROUTER_CLIENT = 'fetch';

export function instructionTables({ meta, records: all }) {
  const records = all.filter((r) => r.sdk !== ROUTER_CLIENT);
  const cells = new Map();
  for (const r of records) {
    const key = `${r.config}|${r.sdk}|${r.mode}|${r.concurrency}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(r);
  }
  const get = (config, sdk, mode, concurrency) => {
    const runs = cells.get(`${config}|${sdk}|${mode}|${concurrency}`);
    if (!runs) return undefined;
    return { ir: median(runs.map((r) => r.irPerCall)), spans: median(runs.map((r) => r.spansPerCall)), compilation: median(runs.map((r) => r.compilationPerCall)),
      // Runs recorded before the GC share was read have none.
      gc: runs.every((r) => r.gcPerCall !== undefined) ? median(runs.map((r) => r.gcPerCall)) : undefined, runs };
  };
  const sdkLabels = Object.fromEntries(records.map((r) => [r.sdk, r.sdkLabel]));
  const configs = [...CONFIG_ORDER.filter((c) => records.some((r) => r.config === c)), ...new Set(records.map((r) => r.config).filter((c) => !CONFIG_ORDER.includes(c)))];
  const added = (config, sdk, mode, concurrency) => {
    const cell = get(config, sdk, mode, concurrency);
    const base = get('none', sdk, mode, concurrency);
    if (!cell || !base || config === 'none' || cell.spans < TRACED) return undefined;
    return cell.ir - base.ir;
  };
  const out = [];
  // The header describes the app cells; the router's table names its own machine and date.
  const described = records.length ? records : all;
  const dates = described.map((r) => r.runId).sort();
  out.push('# Instructions per LLM call (callgrind)', '');
  out.push(`Node ${meta.node}, ${meta.valgrind}, ${cpus(described, meta)} (${meta.cores} cores); runs from ${dates[0]?.slice(0, 10)} to ${dates.at(-1)?.slice(0, 10)}.`);
  const perMode = MODES.map((mode) => {
    const r = described.find((x) => x.mode === mode);
    return r && `${MODE_LABELS[mode]} ${r.warmup.toLocaleString('en-US')} + ${r.calls}`;
  }).filter(Boolean);
  out.push(`Per cell, warm-up calls (uninstrumented) + measured calls: ${perMode.join('; ')}. Spans exported in batches of ${described[0]?.batch}; node ${meta.nodeFlags}.`);
  out.push('Method and how to read it: [docs/benchmark.md](../docs/benchmark.md#instruction-counts). Reproduce: `npm run bench -- --instructions` (cells: `--config`, `--sdk`, `--mode`, `--concurrency`).', '');
  for (const concurrency of CONCURRENCIES) {
    const columns = SDK_ORDER.flatMap((sdk) => MODES.map((mode) => ({ sdk, mode }))).filter(({ sdk, mode }) => configs.some((c) => get(c, sdk, mode, concurrency)));
    if (columns.length === 0) continue;
    out.push(`## Concurrency ${concurrency}: thousands of instructions per call added over the untraced run`, '');
    out.push('V8 compilation left out (below); `no span` = the configuration does not trace that call; an empty cell was not measured.', '');
    out.push(`| configuration | ${columns.map(({ sdk, mode }) => `${sdkLabels[sdk] ?? sdk} ${MODE_LABELS[mode]}`).join(' | ')} |`);
    out.push(`|---|${columns.map(() => '---:').join('|')}|`);
    for (const config of configs) {
      const row = columns.map(({ sdk, mode }) => {
        const cell = get(config, sdk, mode, concurrency);
        if (!cell) return '';
        if (config === 'none') return thousands(cell.ir);
        const plus = added(config, sdk, mode, concurrency);
        return plus === undefined ? (cell.spans < TRACED ? 'no span' : thousands(cell.ir)) : signedThousands(plus);
      });
      out.push(`| ${CONFIG_LABELS[config] ?? config} | ${row.join(' | ')} |`);
    }
    out.push('');
  }
  const targetRows = [];
  for (const concurrency of CONCURRENCIES) {
    for (const sdk of SDK_ORDER) {
      for (const mode of MODES) {
        const ours = added('llm-otel-metrics', sdk, mode, concurrency);
        const peers = PEERS.map((p) => ({ p, v: added(p, sdk, mode, concurrency) })).filter((x) => x.v !== undefined).sort((a, b) => a.v - b.v);
        if (ours === undefined || peers.length === 0) continue;
        const plain = added('llm-otel', sdk, mode, concurrency);
        const half = peers[0].v / 2;
        const verdict = ours <= half ? 'yes' : `no: ${(ours / peers[0].v).toFixed(2)}x the peer`;
        targetRows.push(`| ${sdkLabels[sdk]} | ${MODE_LABELS[mode]} | ${concurrency} | ${plain === undefined ? '' : signedThousands(plain)} | ${signedThousands(ours)} | ${signedThousands(peers[0].v)} (${peers[0].p}) | ${signedThousands(half)} | ${verdict} |`);
      }
    }
  }
  if (targetRows.length) {
    out.push('## Target: llm-otel (metrics on) adds at most half of the cheapest tracing peer', '');
    out.push('| SDK | mode | concurrency | llm-otel | llm-otel, metrics on | cheapest tracing peer | half of it | met |', '|---|---|---:|---:|---:|---|---:|---|', ...targetRows, '');
  }
  // The same check on what is left when the collector's share is taken out of both sides: it moves
  // by whole mark-compacts falling into a window or not (docs/benchmark.md, "Garbage collection").
  const addedWithoutGc = (config, sdk, mode, concurrency) => {
    const plus = added(config, sdk, mode, concurrency);
    const cell = get(config, sdk, mode, concurrency);
    const base = get('none', sdk, mode, concurrency);
    if (plus === undefined || cell.gc === undefined || base.gc === undefined) return undefined;
    return { rest: plus - (cell.gc - base.gc), gc: cell.gc - base.gc };
  };
  const gcRows = [];
  for (const concurrency of CONCURRENCIES) {
    for (const sdk of SDK_ORDER) {
      for (const mode of MODES) {
        const ours = addedWithoutGc('llm-otel-metrics', sdk, mode, concurrency);
        const peers = PEERS.map((p) => ({ p, v: addedWithoutGc(p, sdk, mode, concurrency) })).filter((x) => x.v !== undefined).sort((a, b) => a.v.rest - b.v.rest);
        if (ours === undefined || peers.length === 0) continue;
        const peer = peers[0];
        const verdict = ours.rest <= peer.v.rest / 2 ? 'yes' : `no: ${(ours.rest / peer.v.rest).toFixed(2)}x the peer`;
        gcRows.push(`| ${sdkLabels[sdk]} | ${MODE_LABELS[mode]} | ${concurrency} | ${signedThousands(ours.rest)} (GC ${signedThousands(ours.gc)}) | ${signedThousands(peer.v.rest)} (GC ${signedThousands(peer.v.gc)}, ${peer.p}) | ${verdict} |`);
      }
    }
  }
  if (gcRows.length) {
    out.push('## The same, with the garbage collector\'s share taken out of both sides', '');
    out.push('| SDK | mode | concurrency | llm-otel, metrics on | cheapest tracing peer | half or less |', '|---|---|---:|---:|---|---|', ...gcRows, '');
  }
  // The router's cells (in their own table below) are spread-checked with the rest.
  const runsOfCell = Map.groupBy(all, (r) => `${r.config}|${r.sdk}|${r.mode}|${r.concurrency}`);
  const repeated = [...runsOfCell.values()].filter((runs) => runs.length > 1);
  if (repeated.length) {
    out.push('## Spread of repeated cells', '');
    out.push('| cell | instructions per call, each run | (max - min) / mean |', '|---|---|---:|');
    for (const runs of repeated) {
      const v = runs.map((r) => r.irPerCall);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const r0 = runs[0];
      out.push(`| ${r0.config} ${r0.sdkLabel} ${r0.mode} c=${r0.concurrency} | ${v.map((x) => Math.round(x).toLocaleString('en-US')).join(', ')} | ${((100 * (Math.max(...v) - Math.min(...v))) / mean).toFixed(2)}% |`);
    }
    out.push('');
  }
  const measured = CONCURRENCIES.flatMap((concurrency) => SDK_ORDER.flatMap((sdk) => MODES.map((mode) => ({ sdk, mode, concurrency }))))
    .filter(({ sdk, mode, concurrency }) => configs.some((c) => get(c, sdk, mode, concurrency)));
  /** One row per configuration, one column per measured cell, of what `value` reads from a cell. */
  const perCellTable = (title, note, value) => {
    if (measured.length === 0) return;
    out.push(title, '', ...(note ? [note, ''] : []));
    out.push(`| configuration | ${measured.map(({ sdk, mode, concurrency }) => `${sdk} ${mode} c=${concurrency}`).join(' | ')} |`);
    out.push(`|---|${measured.map(() => '---:').join('|')}|`);
    for (const config of configs) {
      out.push(`| ${config} | ${measured.map(({ sdk, mode, concurrency }) => {
        const cell = get(config, sdk, mode, concurrency);
        const v = cell && value(cell);
        return v === undefined ? '' : thousands(v);
      }).join(' | ')} |`);
    }
    out.push('');
  };
  perCellTable('## V8 garbage collection in the measured window, thousands of instructions per call (included above)',
    'Whether a whole mark-compact falls into a window moves a cell by ~100-150k per call; compare the rest (total minus this) between builds. Empty: not measured, or recorded before this share was read.',
    (cell) => cell.gc);
  perCellTable('## V8 compilation in the measured window, thousands of instructions per call (left out above)', '', (cell) => cell.compilation);
  out.push(...routerTable(all.filter((r) => r.sdk === ROUTER_CLIENT), meta));
  return out.join('\n');
}

/**
 * The router's per-request cost: instructions of the router process per request (V8 compilation
 * left out), with tracing off and on, and what tracing adds; the GC share and spans per request beside.
 */
function routerTable(records, meta) {
  if (records.length === 0) return [];
  const columns = CONCURRENCIES.flatMap((concurrency) => MODES.map((mode) => ({ mode, concurrency })))
    .filter(({ mode, concurrency }) => records.some((r) => r.mode === mode && r.concurrency === concurrency));
  const cell = (config, { mode, concurrency }) => {
    const runs = records.filter((r) => r.config === config && r.mode === mode && r.concurrency === concurrency);
    return runs.length ? { ir: median(runs.map((r) => r.irPerCall)), gc: median(runs.map((r) => r.gcPerCall)), spans: median(runs.map((r) => r.spansPerCall)) } : undefined;
  };
  const row = (label, value) => `| ${label} | ${columns.map((column) => value(column) ?? '').join(' | ')} |`;
  const r0 = records[0];
  return [
    '## The router: thousands of instructions per request in the `llm-otel router` process', '',
    `One keyword rule and a system_prompt plugin per request (bench/router-setup.mjs), cache off, the backend the mock server; the client is the benchmark's own process (fetch, not counted). Warm-up requests + measured requests as for the app cells; V8 compilation left out. ${cpus(records, meta)}, ${r0.runId.slice(0, 10)}.`, '',
    `| | ${columns.map(({ mode, concurrency }) => `${MODE_LABELS[mode]} c=${concurrency}`).join(' | ')} |`,
    `|---|${columns.map(() => '---:').join('|')}|`,
    row('tracing off, absolute', (c) => cell('router-untraced', c) && thousands(cell('router-untraced', c).ir)),
    row('traced (the default), absolute', (c) => cell('router', c) && thousands(cell('router', c).ir)),
    row('added by tracing', (c) => cell('router', c) && cell('router-untraced', c) && signedThousands(cell('router', c).ir - cell('router-untraced', c).ir)),
    row('of the above, GC (traced / off)', (c) => cell('router', c) && cell('router-untraced', c) && `${thousands(cell('router', c).gc)} / ${thousands(cell('router-untraced', c).gc)}`),
    row('spans per request, traced', (c) => cell('router', c)?.spans.toFixed(2)),
    '',
  ];
}
