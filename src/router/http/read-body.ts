import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

/** Past the cap, this many times the cap is read and dropped before the connection is cut. */
const DISCARD_FACTOR = 16;

/**
 * Reads a request body up to `maxBytes`. Past the cap nothing more is kept: the rest is read and
 * dropped while the caller answers 413, so the client, still sending, gets to read the answer
 * (closing at once would reset the connection under it); a client that sends far more than the
 * cap is cut off.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const declared = Number(req.headers['content-length']);
    const refuse = () => {
      tooLarge = true;
      chunks.length = 0;
      resolve({ ok: false, reason: 'too_large' });
    };
    if (Number.isFinite(declared) && declared > maxBytes) refuse();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) {
        if (size > maxBytes * DISCARD_FACTOR) req.destroy();
        return;
      }
      if (size > maxBytes) refuse();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (!tooLarge) resolve({ ok: true, bytes: Buffer.concat(chunks, size) });
    });
    req.on('close', () => resolve({ ok: false, reason: 'aborted' }));
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
  });
}
