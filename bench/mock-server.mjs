// The local OpenAI-compatible server the benchmark calls, in its own process so its CPU is not
// counted against the client. Prints { url } once listening; exits when its parent closes stdin.
// BENCH_KEEP_ALIVE_MS: idle keep-alive of its connections (the instruction-count mode raises it).
// BENCH_MOCK_OBFUSCATION: see below.
import { startMockLlmServer } from '../dist/mock-server/mock-llm-server.js';

const keepAliveMs = process.env.BENCH_KEEP_ALIVE_MS ? Number(process.env.BENCH_KEEP_ALIVE_MS) : undefined;
// BENCH_MOCK_OBFUSCATION=1: streamed chat chunks end in OpenAI's per-chunk `obfuscation` value.
const obfuscation = process.env.BENCH_MOCK_OBFUSCATION === '1';
const server = await startMockLlmServer({ host: '127.0.0.1', port: 0, keepAliveMs, obfuscation });
console.log(JSON.stringify({ url: server.url }));
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
