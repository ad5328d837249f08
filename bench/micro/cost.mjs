// Micro-benchmark of pricing one LLM call (src/cost/llm-call-cost.ts over @pydantic/genai-prices):
// a model the table prices, a dated alias of it, and a model it does not know (the app bench's
// `mock-model`, so the app cells of `npm run bench -- --instructions` never take the priced path).
// Run `npm run build` first. Natively it prints µs per call; under callgrind it counts only the
// measured calls (client requests of the instruction bench's addon, built by a first
// `npm run bench -- --instructions` run):
//   node bench/micro/cost.mjs gpt-4o-mini [calls]
//   valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cost.%p \
//     node --single-threaded --predictable-gc-schedule --random-seed=1 bench/micro/cost.mjs gpt-4o-mini 2000
import { llmCallCostUsd } from '../../dist/cost/llm-call-cost.js';
import { callgrind } from './callgrind-requests.mjs';

const model = process.argv[2] ?? 'gpt-4o-mini';
const calls = Number(process.argv[3] ?? 2000);

// Token counts vary from call to call, as they do in an app.
const call = (i) => ({ provider: 'openai', responseModel: model, requestModel: model, usage: { inputTokens: 12 + (i % 50), outputTokens: 8 + (i % 13) } });

let total = 0;
for (let i = 0; i < 5000; i++) total += llmCallCostUsd(call(i)) ?? 0;
globalThis.gc?.();
const started = process.hrtime.bigint();
callgrind.startInstrumentation();
callgrind.zeroStats();
for (let i = 0; i < calls; i++) total += llmCallCostUsd(call(i)) ?? 0;
callgrind.dumpStats('window');
const ns = Number(process.hrtime.bigint() - started);
console.log(`${model}: ${calls} calls priced (sum ${total.toExponential(3)} USD); ${(ns / 1000 / calls).toFixed(3)} µs per call${callgrind.onValgrind() ? ' (under valgrind)' : ''}`);
