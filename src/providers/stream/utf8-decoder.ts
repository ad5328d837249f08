/** Decodes a chunk that starts the stream (a leading BOM is dropped, as a stream decoder does). */
const AT_START = new TextDecoder('utf-8');
/** Decodes a chunk past the start (a U+FEFF there is text, kept as a stream decoder keeps it). */
const PAST_START = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Streaming UTF-8 decoding that keeps multi-byte characters split across chunks intact, with the
 * output of one `TextDecoder` fed every chunk with `{ stream: true }`.
 *
 * A TextDecoder per response is an allocation and a trip into Node's encoding setup on every
 * traced call, and almost every chunk ends on an ASCII byte (`}`, a newline): such a chunk leaves
 * a stream decoder nothing pending, so decoding it alone gives the same text. Only after a chunk
 * that ends on a non-ASCII byte, which may be a character's first part, does this response get a
 * decoder of its own.
 */
export function createUtf8Decoder(): { decode(chunk: Uint8Array): string; end(): string } {
  let own: InstanceType<typeof TextDecoder> | undefined;
  let started = false;
  return {
    decode(chunk) {
      if (own) return own.decode(chunk, { stream: true });
      if (chunk.byteLength === 0) return '';
      if (chunk[chunk.byteLength - 1]! < 0x80) {
        const text = (started ? PAST_START : AT_START).decode(chunk);
        started = true;
        return text;
      }
      own = new TextDecoder('utf-8', { ignoreBOM: started });
      return own.decode(chunk, { stream: true });
    },
    end: () => (own ? own.decode() : ''),
  };
}
