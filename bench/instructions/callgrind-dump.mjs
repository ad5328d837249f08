// Reads what the instruction-count benchmark needs from a callgrind dump (format: valgrind docs,
// "Callgrind Format Specification"): the total, and the share spent compiling in V8.
import fs from 'node:fs';

/**
 * V8's runtime entries that compile, tier up or deoptimize: lazy compilation, Sparkplug batches,
 * Maglev and TurboFan (OSR included), deoptimization. Tier-up goes on for thousands of calls and
 * its amount varies between identical runs, so it is reported apart from the per-call work.
 */
const COMPILATION = /v8::internal::Runtime_(Compile|Optimize|InstallBaselineCode|BytecodeBudgetInterrupt|NotifyDeoptimized|FunctionFirstExecution|HealOptimizedCodeSlot)/;

/** `(id) name` or `(id)`: callgrind writes a name once, then only its id. */
function nameOf(table, text) {
  const match = /^\((\d+)\)(?: (.*))?$/.exec(text);
  if (!match) return text;
  if (match[2] !== undefined) table.set(match[1], match[2]);
  return table.get(match[1]) ?? '';
}

/**
 * { total, compilation }: the dump's `totals:` (or `summary:`) and the inclusive cost of the calls
 * into V8's compilation entries from code that is not itself compiling (no double count).
 */
export function readCallgrindDump(file) {
  const names = new Map();
  let total;
  let compilation = 0;
  let caller = '';
  let callee = '';
  let callPending = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('fn=')) {
      caller = nameOf(names, line.slice(3));
    } else if (line.startsWith('cfn=')) {
      callee = nameOf(names, line.slice(4));
    } else if (line.startsWith('calls=')) {
      callPending = true;
    } else if (callPending && /^[0-9+*-]/.test(line)) {
      // The line after `calls=` carries the call's inclusive cost (last column: one event, Ir).
      callPending = false;
      if (COMPILATION.test(callee) && !COMPILATION.test(caller)) compilation += Number(line.trim().split(/\s+/).pop());
    } else if (line.startsWith('totals:') || (total === undefined && line.startsWith('summary:'))) {
      total = Number(line.split(/\s+/)[1]);
    }
  }
  if (total === undefined || Number.isNaN(total)) throw new Error(`${file}: no totals line; not a callgrind dump?`);
  return { total, compilation };
}
