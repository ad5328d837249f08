// Reads what the instruction-count benchmark needs from a callgrind dump (format: valgrind docs,
// "Callgrind Format Specification"): the total, the share spent compiling in V8, and the share
// spent in V8's garbage collector.
import fs from 'node:fs';

/**
 * V8's runtime entries that compile, tier up or deoptimize: lazy compilation, Sparkplug batches,
 * Maglev and TurboFan (OSR included), deoptimization. Tier-up goes on for thousands of calls and
 * its amount varies between identical runs, so it is reported apart from the per-call work.
 */
const COMPILATION = /v8::internal::Runtime_(Compile|Optimize|InstallBaselineCode|BytecodeBudgetInterrupt|NotifyDeoptimized|FunctionFirstExecution|HealOptimizedCodeSlot)/;

/**
 * V8's garbage collector, by the function's qualified name (return type and parameters cut off):
 * scavenges, mark-compact (marking, evacuation, sweeping, slot recording), incremental marking
 * steps and the write barrier. A whole mark-compact falls into a measured window or not, which
 * moves a cell by ~100-150k per call (docs/benchmark.md, "Garbage collection"), so the share is
 * reported beside the total.
 */
const GC_FUNCTION = /^(?:v8::internal::(?:Heap(?:::|$)|Scaveng|RootScavengeVisitor|IterateAndScavenge|MarkCompact|MinorMarkSweep|Marking|RootMarkingVisitor|MarkBit|MainMarking|IncrementalMarking|ConcurrentMarking|WriteBarrier|Sweeper|ArrayBufferSweeper|LiveObjectVisitor|Evacuat|RecordMigratedSlot|RememberedSet|SlotSet|TypedSlot|FreeList|PagedSpace|SemiSpace|NewSpace|MemoryAllocator|GCTracer|HeapObject::SizeFromMap)|heap::base::|Builtins_RecordWrite)/;
/** A body descriptor run by a GC visitor (`...BodyDescriptor...::Iterate...<v8::internal::MainMarkingVisitor>`). */
const GC_VISIT = /BodyDescriptor.*<v8::internal::\w*(Marking|Scaveng|RecordMigratedSlot)\w*Visitor/;

/** `void v8::internal::A::f<B>(C) const` -> `v8::internal::A::f<B>`; callgrind's `???:` prefix dropped. */
function qualifiedName(name) {
  const text = name.replace(/^\?\?\?:/, '').replace(/ \[[^\]]*\]$/, '');
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '<') depth += 1;
    else if (c === '>') depth -= 1;
    else if (depth === 0 && c === ' ') start = i + 1;
    else if (depth === 0 && c === '(' && i > 0) return text.slice(start, i);
  }
  return text.slice(start);
}

const isGcFunction = (name) => {
  const qualified = qualifiedName(name);
  return GC_FUNCTION.test(qualified) || GC_VISIT.test(qualified);
};

/** `(id) name` or `(id)`: callgrind writes a name once, then only its id. */
function nameOf(table, text) {
  const match = /^\((\d+)\)(?: (.*))?$/.exec(text);
  if (!match) return text;
  if (match[2] !== undefined) table.set(match[1], match[2]);
  return table.get(match[1]) ?? '';
}

/**
 * { total, compilation, gc }: the dump's `totals:` (or `summary:`), the inclusive cost of the calls
 * into V8's compilation entries from code that is not itself compiling (no double count), and the
 * self cost of V8's garbage-collector functions (self costs add up without double counting; GC
 * run while compiling is in both shares, a small overlap).
 */
export function readCallgrindDump(file) {
  const names = new Map();
  let total;
  let compilation = 0;
  let gc = 0;
  const gcByName = new Map();
  let inGc = false;
  let caller = '';
  let callee = '';
  let callPending = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('fn=')) {
      caller = nameOf(names, line.slice(3));
      if (!gcByName.has(caller)) gcByName.set(caller, isGcFunction(caller));
      inGc = gcByName.get(caller);
    } else if (line.startsWith('cfn=')) {
      callee = nameOf(names, line.slice(4));
    } else if (line.startsWith('calls=')) {
      callPending = true;
    } else if (callPending && /^[0-9+*-]/.test(line)) {
      // The line after `calls=` carries the call's inclusive cost (last column: one event, Ir).
      callPending = false;
      if (COMPILATION.test(callee) && !COMPILATION.test(caller)) compilation += Number(line.trim().split(/\s+/).pop());
    } else if (inGc && /^[0-9+*-]/.test(line)) {
      // A cost line of the function itself (its self cost): position(s), then Ir.
      gc += Number(line.trim().split(/\s+/).pop());
    } else if (line.startsWith('totals:') || (total === undefined && line.startsWith('summary:'))) {
      total = Number(line.split(/\s+/)[1]);
    }
  }
  if (total === undefined || Number.isNaN(total)) throw new Error(`${file}: no totals line; not a callgrind dump?`);
  return { total, compilation, gc };
}
