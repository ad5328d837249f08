/**
 * Reads a configuration file without trusting what the path names. `readFileSync` on
 * `/dev/zero` never returns and grows memory without bound, and on a FIFO it blocks start-up
 * until some writer appears; so the file is opened non-blocking, must be a regular file, and is
 * read only up to a size cap (a file that grows while being read is cut at cap + 1 and refused).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Generous for a router configuration the tracing block shares a file with, small enough to parse at start-up. */
export const MAX_CONFIG_FILE_BYTES = 2 * 1024 * 1024;

export type UnreadableReason =
  | { readonly kind: 'not-regular'; readonly what: string }
  | { readonly kind: 'too-large'; readonly bytes: number };

export type RegularFileText = { readonly text: string } | { readonly refused: UnreadableReason };

/** @throws the `fs` error (ENOENT, EACCES, ...) when the path cannot be opened at all. */
export function readRegularFile(path: string): RegularFileText {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { refused: { kind: 'not-regular', what: describeFileType(stats) } };
    if (stats.size > MAX_CONFIG_FILE_BYTES) return { refused: { kind: 'too-large', bytes: stats.size } };
    // Unsafe is fine: only the bytes read are ever looked at, and zero-filling 2 MiB costs more than the read.
    const buffer = Buffer.allocUnsafe(MAX_CONFIG_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_CONFIG_FILE_BYTES) return { refused: { kind: 'too-large', bytes: Math.max(length, stats.size) } };
    }
    return { text: buffer.toString('utf8', 0, length) };
  } finally {
    closeSync(fd);
  }
}

function describeFileType(stats: import('node:fs').Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}
