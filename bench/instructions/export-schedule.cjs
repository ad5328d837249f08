// One export schedule for every measured process (bench/instructions/measured-app.cjs and
// measured-router.mjs): a batch leaves as soon as `batch` spans are queued (the processor's own
// batch-full path, in the background while calls go on). The delay timer would fire every second
// of valgrind's slowed clock, so the number of exports would depend on the machine's load; it is
// pushed out of reach. The field names are sdk-trace 3.x internals; a traced run that finds no
// processor is reported by run.mjs (and fails there).
// `noopExport` (the BENCH_IC_NOOP_EXPORT=1 ablation): spans reach the exporter, which answers
// success at once without serializing or sending them, so the export pipeline's share can be read off.
'use strict';

const { trace } = require('@opentelemetry/api');

/** Every BatchSpanProcessor under the global tracer provider (llm-otel chains its own processor first). */
function batchProcessors() {
  const global = trace.getTracerProvider();
  const delegate = typeof global.getDelegate === 'function' ? global.getDelegate() : global;
  // llm-otel's register puts a YieldingTracerProvider (src/sdk/yielding-tracer-provider.ts) in
  // front of its own provider, which it keeps as `own`.
  const provider = delegate?.own ?? delegate;
  const found = [];
  const visit = (processor) => {
    if (!processor || typeof processor !== 'object') return;
    if ('_maxExportBatchSize' in processor && '_scheduledDelayMillis' in processor && processor._exporter) found.push(processor);
    for (const inner of processor._spanProcessors ?? []) visit(inner);
  };
  visit(provider?._activeSpanProcessor);
  return { provider, found };
}

/**
 * Fixes the schedule of every batch processor found now and counts what they export. Returns
 * `flushAll()` (everything queued is exported and every export's answer handled) and `counts()`.
 */
function fixExportSchedule({ batch, noopExport }) {
  const { provider, found } = batchProcessors();
  let exportsDone = 0;
  let spansExported = 0;
  let inFlight = 0;
  const whenIdle = [];
  for (const processor of found) {
    processor._maxExportBatchSize = batch;
    processor._scheduledDelayMillis = 1e9;
    const exporter = processor._exporter;
    const send = noopExport ? (_spans, answer) => setImmediate(() => answer({ code: 0 })) : exporter.export.bind(exporter);
    exporter.export = (spans, done) => {
      inFlight += 1;
      spansExported += spans.length;
      send(spans, (result) => {
        inFlight -= 1;
        exportsDone += 1;
        try {
          done(result);
        } finally {
          if (inFlight === 0) for (const resolve of whenIdle.splice(0)) resolve();
        }
      });
    };
  }
  return {
    batchProcessors: found.length,
    counts: () => ({ exportsDone, spansExported }),
    async flushAll() {
      if (typeof provider?.forceFlush !== 'function') return;
      await provider.forceFlush();
      while (inFlight > 0) await new Promise((resolve) => whenIdle.push(resolve));
    },
  };
}

module.exports = { fixExportSchedule };
