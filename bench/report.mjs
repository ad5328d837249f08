// Turns the benchmark's per-round measurements into medians, deltas against the untraced run,
// the target check, and the markdown tables of bench/results.md.
import { CONCURRENCIES, MODES, MODE_LABELS } from './configurations.mjs';
import { median, quartiles } from './stats.mjs';

/** Below this many spans per call a configuration is not tracing that call (a few may be dropped). */
const TRACED = 0.95;

const key = (r) => `${r.sdk}|${r.config}|${r.mode}|${r.concurrency}`;

export function summarise(runs, meta) {
  const groups = new Map();
  for (const run of runs) {
    if (!groups.has(key(run))) groups.set(key(run), []);
    groups.get(key(run)).push(run);
  }
  const rows = [...groups.values()].map((group) => {
    const { sdk, config, mode, concurrency } = group[0];
    const pick = (field) => median(group.map((r) => r[field]));
    return {
      sdk, config, mode, concurrency, rounds: group.length,
      cpuMicrosPerCall: pick('cpuMicrosPerCall'), mainThreadCpuMicrosPerCall: pick('mainThreadCpuMicrosPerCall'), p50Ms: pick('p50Ms'), p99Ms: pick('p99Ms'),
      rssGrowthBytes: pick('rssGrowthBytes'), spansPerCall: pick('spansPerCall'),
      spanNames: [...new Set(group.flatMap((r) => r.spanNames))].slice(0, 3),
    };
  });
  const find = (sdk, config, mode, concurrency) => rows.find((r) => r.sdk === sdk && r.config === config && r.mode === mode && r.concurrency === concurrency);
  // Added CPU = median of the configuration's rounds minus the median of the untraced rounds.
  // Rounds run one after another in separate processes, so a round's untraced run tells little
  // about its traced runs: pairing them per round would add the baseline's noise to every delta.
  // The quartiles of the configuration's rounds (less the same baseline) show the spread.
  for (const row of rows) {
    const base = find(row.sdk, 'none', row.mode, row.concurrency);
    row.traced = row.config !== 'none' && row.spansPerCall >= TRACED;
    const [low, middle, high] = quartiles(groups.get(key(row)).map((r) => r.cpuMicrosPerCall));
    row.cpuAddedMicros = middle - base.cpuMicrosPerCall;
    row.cpuAddedQuartiles = [low - base.cpuMicrosPerCall, high - base.cpuMicrosPerCall];
    row.mainThreadCpuAddedMicros = row.mainThreadCpuMicrosPerCall - base.mainThreadCpuMicrosPerCall;
    row.cpuRatio = row.cpuMicrosPerCall / base.cpuMicrosPerCall;
    row.p50Ratio = row.p50Ms / base.p50Ms;
    row.p99Ratio = row.p99Ms / base.p99Ms;
    row.rssGrowthDeltaBytes = row.rssGrowthBytes - base.rssGrowthBytes;
  }
  const peers = new Set(meta.configurations.filter((c) => c.peer).map((c) => c.name));
  const targets = [];
  for (const sdk of meta.sdks) {
    for (const mode of MODES) {
      for (const concurrency of CONCURRENCIES) {
        const ours = find(sdk.name, 'llm-otel', mode, concurrency);
        const tracingPeers = rows.filter((r) => r.sdk === sdk.name && r.mode === mode && r.concurrency === concurrency && peers.has(r.config) && r.traced);
        const lowest = tracingPeers.sort((a, b) => a.cpuAddedMicros - b.cpuAddedMicros)[0];
        const met = lowest === undefined ? ours.traced : ours.traced && ours.cpuAddedMicros <= lowest.cpuAddedMicros;
        targets.push({
          sdk: sdk.name, mode, concurrency, ours: ours.cpuAddedMicros, oursTraced: ours.traced,
          lowestPeer: lowest?.config, lowestPeerAdded: lowest?.cpuAddedMicros,
          oursMainThread: ours.mainThreadCpuAddedMicros, lowestPeerMainThread: lowest?.mainThreadCpuAddedMicros,
          met,
          missByMicros: lowest === undefined ? 0 : Math.max(0, ours.cpuAddedMicros - lowest.cpuAddedMicros),
          // A miss is clear when even our lower quartile is above the peer's upper one.
          clearMiss: !met && lowest !== undefined && ours.cpuAddedQuartiles[0] > lowest.cpuAddedQuartiles[1],
        });
      }
    }
  }
  return { rows, targets };
}

const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const signed = (value) => (Number.isFinite(value) ? `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(0)}` : '—');
/** `+185 (150–210)`: the median and, when there are several rounds, the quartiles across rounds. */
const withQuartiles = (row) =>
  row.rounds > 2 ? `${signed(row.cpuAddedMicros)} (${fixed(row.cpuAddedQuartiles[0])}…${fixed(row.cpuAddedQuartiles[1])})` : signed(row.cpuAddedMicros);
const mib = (bytes) => (Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(1) : '—');

export function toMarkdown(summary, meta) {
  const label = (name) => meta.configurations.find((c) => c.name === name).label;
  const sdkLabel = (name) => meta.sdks.find((s) => s.name === name).label;
  const lines = [];
  lines.push('# Client-side overhead of tracing an LLM call', '');
  lines.push(
    `Node ${meta.node}, ${meta.cpu} (${meta.cores} cores), ${meta.date.slice(0, 10)}. ${meta.rounds} round(s); every number is the median over rounds.`,
    `Measured calls per mode and concurrency: chat ${meta.calls.chat}, streamed ${meta.calls.stream}, embeddings ${meta.calls.embeddings}, each after ${meta.warmup.chat}/${meta.warmup.stream}/${meta.warmup.embeddings} warm-up calls.`,
    'CPU is the app process\'s user + system time per call (`process.cpuUsage()`), which includes exporting the spans; "main thread" is the JavaScript thread alone (`process.threadCpuUsage()`), without V8\'s background GC and compiler threads.',
    'Peers run with content capture off (their option, where the default records prompts), as llm-otel does by default; llm-otel runs with metrics off (the peers get no MeterProvider).',
    `Reproduce: \`npm run bench\` (about ${Math.ceil(meta.minutes)} min here); \`BENCH_QUICK=1 npm run bench\` for a smoke run.`,
  );
  if (meta.quick) lines.push('', '**Quick run: too few calls and rounds for numbers to quote.**');
  lines.push('', '## CPU added per call (µs over the untraced run)', '');
  lines.push('Median over rounds, less the untraced median; in brackets the same for the lower and upper quartile of the rounds. `no span` = the configuration emitted no span for that call: it does not trace it.', '');
  const columns = MODES.flatMap((mode) => CONCURRENCIES.map((c) => [mode, c]));
  lines.push(`| configuration | SDK | ${columns.map(([m, c]) => `${m} c=${c}`).join(' | ')} |`);
  lines.push(`|---|---|${columns.map(() => '---:').join('|')}|`);
  for (const config of meta.configurations.filter((c) => c.name !== 'none')) {
    for (const sdk of meta.sdks) {
      const cells = columns.map(([mode, c]) => {
        const row = summary.rows.find((r) => r.sdk === sdk.name && r.config === config.name && r.mode === mode && r.concurrency === c);
        return row.traced ? withQuartiles(row) : 'no span';
      });
      lines.push(`| ${config.label} | ${sdk.label} | ${cells.join(' | ')} |`);
    }
  }
  const baseCells = (sdk) => columns.map(([mode, c]) => fixed(summary.rows.find((r) => r.sdk === sdk && r.config === 'none' && r.mode === mode && r.concurrency === c).cpuMicrosPerCall));
  for (const sdk of meta.sdks) lines.push(`| *untraced, µs per call* | ${sdk.label} | ${baseCells(sdk.name).join(' | ')} |`);
  lines.push('', '## Target: llm-otel adds no more CPU than the cheapest peer that traces the call', '');
  lines.push('| SDK | mode | concurrency | llm-otel +µs | cheapest tracing peer +µs | met | main thread: llm-otel / that peer +µs |', '|---|---|---:|---:|---|---|---|');
  for (const t of summary.targets) {
    const peer = t.lowestPeer ? `${signed(t.lowestPeerAdded)} (${label(t.lowestPeer)})` : 'none traces it';
    const verdict = t.met ? 'yes' : `no, by ${fixed(t.missByMicros)} µs${t.clearMiss ? '' : ' (within the spread across rounds)'}`;
    const mainThread = t.lowestPeer ? `${signed(t.oursMainThread)} / ${signed(t.lowestPeerMainThread)}` : '—';
    lines.push(`| ${sdkLabel(t.sdk)} | ${MODE_LABELS[t.mode]} | ${t.concurrency} | ${signed(t.ours)} | ${peer} | ${verdict} | ${mainThread} |`);
  }
  lines.push('', '## Details', '');
  for (const sdk of meta.sdks) {
    for (const mode of MODES) {
      for (const c of CONCURRENCIES) {
        lines.push(`### ${sdkLabel(sdk.name)}, ${MODE_LABELS[mode]}, concurrency ${c}`, '');
        lines.push('| configuration | CPU µs/call | × untraced | main thread µs/call | p50 ms | p99 ms | p50 × | p99 × | RSS growth MiB | spans/call | span names |');
        lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
        for (const config of meta.configurations) {
          const r = summary.rows.find((row) => row.sdk === sdk.name && row.config === config.name && row.mode === mode && row.concurrency === c);
          lines.push(`| ${config.label} | ${fixed(r.cpuMicrosPerCall)} | ${fixed(r.cpuRatio, 2)} | ${fixed(r.mainThreadCpuMicrosPerCall)} | ${fixed(r.p50Ms, 2)} | ${fixed(r.p99Ms, 2)} | ${fixed(r.p50Ratio, 2)} | ${fixed(r.p99Ratio, 2)} | ${mib(r.rssGrowthBytes)} | ${fixed(r.spansPerCall, 2)} | ${r.spanNames.map((n) => `\`${n}\``).join(', ')} |`);
        }
        lines.push('');
      }
    }
  }
  return lines.join('\n');
}
