// Types for the unit test (test/unit/bench/instruction-report.test.ts), which imports the report.
export interface InstructionRecord {
  config: string; sdk: string; sdkLabel: string; mode: string; concurrency: number; repeat: number; runId: string; cpu?: string;
  calls: number; warmup: number; batch: number; irPerCall: number; compilationPerCall: number; gcPerCall?: number; spansPerCall: number;
}
export function instructionTables(results: { meta: { node: string; valgrind: string; cpu: string; cores: number; nodeFlags: string }; records: InstructionRecord[] }): string;
