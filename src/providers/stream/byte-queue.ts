/**
 * Bytes received but not yet framed. Chunks are kept as they came and joined only when a frame
 * spans several, so a large frame arriving in many small chunks costs one copy, not one per chunk.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Bytes of chunks[0] already taken. */
  private offset = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
  }

  /** The first four bytes as a big-endian unsigned integer, or undefined when fewer are queued. */
  peekUint32(): number | undefined {
    if (this.size < 4) return undefined;
    const head = this.copy(4, false);
    return new DataView(head.buffer, head.byteOffset, 4).getUint32(0, false);
  }

  /** Removes and returns the next `count` bytes (count <= length). */
  take(count: number): Uint8Array {
    return this.copy(count, true);
  }

  clear(): void {
    this.chunks = [];
    this.offset = 0;
    this.size = 0;
  }

  private copy(count: number, consume: boolean): Uint8Array {
    const first = this.chunks[0]!;
    if (first.byteLength - this.offset >= count) {
      const view = first.subarray(this.offset, this.offset + count);
      if (consume) this.advance(count);
      return view;
    }
    const out = new Uint8Array(count);
    let written = 0;
    let index = 0;
    let offset = this.offset;
    while (written < count) {
      const chunk = this.chunks[index]!;
      const piece = chunk.subarray(offset, offset + (count - written));
      out.set(piece, written);
      written += piece.byteLength;
      index += 1;
      offset = 0;
    }
    if (consume) this.advance(count);
    return out;
  }

  private advance(count: number): void {
    this.size -= count;
    let left = count;
    while (left > 0) {
      const available = this.chunks[0]!.byteLength - this.offset;
      if (available > left) {
        this.offset += left;
        return;
      }
      left -= available;
      this.chunks.shift();
      this.offset = 0;
    }
  }
}
