// Builds the callgrind client-request addon (callgrind-requests.c) for the running Node, once per
// Node version and source change, into bench/.cache. Needs valgrind (with its headers), gcc and
// the Node headers that ship with the Node binary (include/node). Each missing piece is named in
// the error, with the command that installs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../configurations.mjs';

const SOURCE = path.join(REPO_ROOT, 'bench/instructions/callgrind-requests.c');
const VALGRIND_HEADER = 'valgrind/callgrind.h';

/** A missing tool or a bad option: printed as one line, without a stack. */
export class InstructionModeUnavailable extends Error {}

function found(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The directory holding valgrind/callgrind.h: VALGRIND_INCLUDE_DIR, else the system include dirs. */
function valgrindIncludeDir() {
  const candidates = [process.env.VALGRIND_INCLUDE_DIR, '/usr/include', '/usr/local/include'].filter(Boolean);
  return candidates.find((dir) => fs.existsSync(path.join(dir, VALGRIND_HEADER)));
}

/** Checks valgrind, gcc and the headers; returns the valgrind version text. */
export function checkInstructionTools() {
  const valgrind = found('valgrind', ['--version']);
  if (!valgrind) {
    throw new InstructionModeUnavailable(
      'instruction mode needs valgrind, and `valgrind --version` did not run: install it (Debian/Ubuntu: apt-get install -y valgrind)',
    );
  }
  if (!valgrindIncludeDir()) {
    throw new InstructionModeUnavailable(
      `instruction mode needs ${VALGRIND_HEADER}; not found in /usr/include or /usr/local/include (set VALGRIND_INCLUDE_DIR, or install the valgrind package that ships it: apt-get install -y valgrind)`,
    );
  }
  if (!found('gcc', ['--version'])) {
    throw new InstructionModeUnavailable('instruction mode builds a small Node addon with gcc, which is not on PATH (apt-get install -y gcc)');
  }
  const nodeInclude = path.join(path.dirname(path.dirname(process.execPath)), 'include/node');
  if (!fs.existsSync(path.join(nodeInclude, 'node_api.h'))) {
    throw new InstructionModeUnavailable(
      `instruction mode builds a Node addon against ${nodeInclude}/node_api.h, which this Node (${process.execPath}) does not ship; use an official Node build`,
    );
  }
  return valgrind;
}

/** Path of the built addon for this Node; builds it when missing or older than its source. */
export function buildCallgrindAddon() {
  checkInstructionTools();
  const outDir = path.join(REPO_ROOT, 'bench/.cache/instructions');
  const addon = path.join(outDir, `callgrind-requests-node${process.versions.node}.node`);
  if (fs.existsSync(addon) && fs.statSync(addon).mtimeMs >= fs.statSync(SOURCE).mtimeMs) return addon;
  fs.mkdirSync(outDir, { recursive: true });
  const nodeInclude = path.join(path.dirname(path.dirname(process.execPath)), 'include/node');
  const args = ['-O2', '-shared', '-fPIC', '-Wall', `-I${nodeInclude}`, `-I${valgrindIncludeDir()}`, '-o', addon, SOURCE];
  const result = spawnSync('gcc', args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new InstructionModeUnavailable(`building the callgrind addon failed: gcc ${args.join(' ')}\n${result.stderr}`);
  }
  return addon;
}
