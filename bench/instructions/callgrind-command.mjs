// The command line of a measured process, the same for the app cells (run.mjs) and the router
// cells (router-cells.mjs): valgrind's callgrind with instrumentation off until the process asks
// for it, then node with the flags that make a run repeat.

/**
 * V8 flags that make a run repeat: no background compile or GC threads (their interleaving under
 * valgrind is not deterministic), a fixed random seed, and a GC schedule that does not size the
 * heap from measured GC speed (i.e. from time). Without them the same cell spread by 25%.
 */
export const NODE_FLAGS = ['--expose-gc', '--single-threaded', '--random-seed=1', '--predictable-gc-schedule', '--no-minor-gc-task'];

/**
 * `valgrind ... node <flags>` as [command, ...args], to which the caller appends what node runs.
 * `profile` (a directory) keeps per-instruction costs in the dump and V8's perf map beside it;
 * `nodeFlags` are extra V8 flags (e.g. --trace-gc for a --native run).
 */
export function callgrindCommand(outFile, { profile, nodeFlags = [] } = {}) {
  const profileFlags = profile
    ? { valgrind: ['--dump-instr=yes'], node: ['--perf-basic-prof', '--interpreted-frames-native-stack', `--perf-basic-prof-path=${profile}`] }
    : { valgrind: [], node: [] };
  return ['valgrind', '--tool=callgrind', '--trace-children=no', '--instr-atstart=no', `--callgrind-out-file=${outFile}`, ...profileFlags.valgrind,
    process.execPath, ...NODE_FLAGS, ...nodeFlags, ...profileFlags.node];
}
