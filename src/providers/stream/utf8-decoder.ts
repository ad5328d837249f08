/** Streaming UTF-8 decoding that keeps multi-byte characters split across chunks intact. */
export function createUtf8Decoder(): { decode(chunk: Uint8Array): string; end(): string } {
  const decoder = new TextDecoder('utf-8');
  return {
    decode: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}
