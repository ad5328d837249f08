// Types for the unit test (test/unit/bench/callgrind-dump.test.ts), which imports the reader.
export function readCallgrindDump(file: string): { total: number; compilation: number; gc: number };
