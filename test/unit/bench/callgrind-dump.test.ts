import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCallgrindDump } from '../../../bench/instructions/callgrind-dump.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callgrind-dump-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function dumpFile(text: string): string {
  const file = path.join(dir, `dump-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, text);
  return file;
}

// A dump in callgrind's compressed-name format: `(id) name` the first time, `(id)` after.
const DUMP = `version: 1
creator: callgrind-3.19.0
events: Ir
fl=(1) ???
fn=(1) Builtins_InterpreterEntryTrampoline
10 1000
cfn=(2) v8::internal::Runtime_CompileLazy(int, unsigned long*, v8::internal::Isolate*)
calls=1 0
10 500
cfn=(3) void v8::internal::MarkingVisitorBase<v8::internal::MainMarkingVisitor>::ProcessStrongHeapObject<v8::internal::FullHeapObjectSlot>(v8::internal::Tagged<v8::internal::HeapObject>, v8::internal::FullHeapObjectSlot, v8::internal::Tagged<v8::internal::HeapObject>)
calls=2 0
12 300
fn=(2)
20 300
fn=(3)
30 200
+2 40
fn=(4) v8::internal::JsonStringifier::Result v8::internal::JsonStringifier::Serialize_<false>(v8::internal::Handle<v8::internal::JSAny>, bool, v8::internal::Handle<v8::internal::Object>)
40 700
fn=(5) heap::base::SlotCallbackResult v8::internal::Scavenger::ScavengeObject<v8::internal::FullHeapObjectSlot>(v8::internal::FullHeapObjectSlot, v8::internal::Tagged<v8::internal::HeapObject>)
50 60
fn=(6) Builtins_RecordWriteSaveFP
60 7
fn=(7) void v8::internal::BodyDescriptorBase::IteratePointers<v8::internal::RecordMigratedSlotVisitor>(v8::internal::Tagged<v8::internal::HeapObject>, int, int, v8::internal::RecordMigratedSlotVisitor*)
70 3
totals: 2310
`;

describe('readCallgrindDump', () => {
  it('reads the total, the compilation entered from outside it, and the self cost of GC functions', () => {
    const { total, compilation, gc } = readCallgrindDump(dumpFile(DUMP));
    expect(total).toBe(2310);
    // The call into Runtime_CompileLazy, inclusive; the call into a marking visitor is not compilation.
    expect(compilation).toBe(500);
    // Marking (200 + 40), scavenging (60), the write barrier (7), a body descriptor run by a GC
    // visitor (3); a function whose parameters only mention HeapObject (JSON) is not GC.
    expect(gc).toBe(310);
  });

  it('refuses a file without totals', () => {
    expect(() => readCallgrindDump(dumpFile('version: 1\nevents: Ir\n'))).toThrow(/no totals line/);
  });
});
