// The callgrind client requests for a micro-benchmark's measured loop: the instruction bench's
// addon (built into bench/.cache by a first `npm run bench -- --instructions` run), or no-ops
// when it is not built, so the micro-benchmarks also run natively.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function load() {
  try {
    return require(`../.cache/instructions/callgrind-requests-node${process.versions.node}.node`);
  } catch {
    return { onValgrind: () => false, startInstrumentation() {}, zeroStats() {}, dumpStats() {} };
  }
}

export const callgrind = load();
