// Micro-benchmark of the per-event test that lets a stream's content deltas skip JSON.parse
// (isBareChatDelta, src/providers/openai/stream-event-skip.ts), on two kinds of chunk: the
// benchmark mock server's, and OpenAI's own from a recorded stream
// (test/fixtures/llm-http/openai--chat.completions--stream-no-usage.json), which are longer and
// end in a per-chunk `obfuscation` value. Each event is a fresh string, as read from the wire.
// Run `npm run build` first. Natively it prints ns per event; under callgrind it counts only the
// measured events (client requests of the instruction bench's addon, built by a first
// `npm run bench -- --instructions` run):
//   node bench/micro/bare-delta.mjs mock|openai [rounds]
//   valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/bare.%p \
//     node --single-threaded --predictable-gc-schedule --random-seed=1 bench/micro/bare-delta.mjs openai 50
import fs from 'node:fs';
import { isBareChatDelta } from '../../dist/providers/openai/stream-event-skip.js';
import { callgrind } from './callgrind-requests.mjs';

const kind = process.argv[2] ?? 'openai';
const rounds = Number(process.argv[3] ?? 50);

function events() {
  if (kind === 'mock') {
    // As src/mock-server/mock-llm-server.ts writes a 100-word answer's chunks.
    return Array.from({ length: 100 }, (_, i) => JSON.stringify({
      id: 'chatcmpl-abc123', object: 'chat.completion.chunk', created: 1700000000, model: 'mock-model',
      choices: [{ index: 0, delta: { content: `${i ? ' ' : ''}w${i}` }, finish_reason: null }],
    }));
  }
  const fixture = new URL('../../test/fixtures/llm-http/openai--chat.completions--stream-no-usage.json', import.meta.url);
  const body = JSON.parse(fs.readFileSync(fixture, 'utf8')).response.body;
  return body.split('\n\n').filter((line) => line.startsWith('data: {')).map((line) => line.slice('data: '.length));
}

const texts = events();
const run = (n) => {
  let bare = 0;
  for (let r = 0; r < n; r += 1) {
    for (const text of texts) if (isBareChatDelta((` ${text}`).slice(1))) bare += 1;
  }
  return bare;
};
run(300);
const started = process.hrtime.bigint();
callgrind.startInstrumentation();
callgrind.zeroStats();
const bare = run(rounds);
callgrind.dumpStats('window');
const ns = Number(process.hrtime.bigint() - started);
const count = rounds * texts.length;
console.log(`${kind}: ${count} events (${bare} bare), ${(ns / count).toFixed(0)} ns per event${callgrind.onValgrind() ? ' (under valgrind)' : ''}`);
