// A protobuf byte writer for the OTLP trace serializer (src/export/otlp-trace-serializer.ts).
// One scratch buffer is reused across exports and each request is copied out at the end, so an
// export allocates one Uint8Array of its own size, not a buffer per span plus a size pass.
//
// Nested messages reserve one length byte and move their body when it needs more (a span of
// 600 bytes needs two): the output keeps the minimal varint lengths of protobuf's canonical
// encoding, byte for byte what @opentelemetry/otlp-transformer writes.

const INITIAL_BYTES = 64 * 1024;
/** A string this short cannot need more than one length byte: three UTF-8 bytes per UTF-16 unit. */
const ONE_LENGTH_BYTE_CHARS = 42;
/** From this length the native UTF-8 encoder costs fewer instructions than the JavaScript loop. */
const NATIVE_ENCODE_CHARS = 96;

export class ProtoBuffer {
  bytes = new Uint8Array(INITIAL_BYTES);
  pos = 0;
  private view = new DataView(this.bytes.buffer);
  private readonly encoder = new TextEncoder();

  reset(): void {
    this.pos = 0;
  }

  /** The bytes written since reset, in a buffer of their own (the transport may keep it for retries). */
  copyOut(): Uint8Array {
    return this.bytes.slice(0, this.pos);
  }

  ensure(more: number): void {
    const needed = this.pos + more;
    if (needed <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < needed) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  /** A varint of a value in 0..2^32-1 (tags, lengths, counts, small integers). */
  uint32(value: number): void {
    this.ensure(5);
    const bytes = this.bytes;
    let pos = this.pos;
    let v = value >>> 0;
    while (v > 127) {
      bytes[pos++] = (v & 127) | 128;
      v >>>= 7;
    }
    bytes[pos++] = v;
    this.pos = pos;
  }

  /** A varint of an integer in -2^63..2^63 (int64 attribute values): negatives take ten bytes. */
  int64(value: number): void {
    if (value >= 0 && value <= 0xffffffff) {
      this.uint32(value);
      return;
    }
    let low: number;
    let high: number;
    if (value >= 0) {
      low = value >>> 0;
      high = (value / 4294967296) >>> 0;
    } else {
      // Two's complement of the magnitude, as 64 bits.
      const magnitude = -value;
      low = ~(magnitude >>> 0) >>> 0;
      high = ~((magnitude / 4294967296) >>> 0) >>> 0;
      low = (low + 1) >>> 0;
      if (low === 0) high = (high + 1) >>> 0;
    }
    this.ensure(10);
    const bytes = this.bytes;
    let pos = this.pos;
    while (high > 0 || low > 127) {
      bytes[pos++] = (low & 127) | 128;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    bytes[pos++] = low & 127;
    this.pos = pos;
  }

  fixed32(value: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, value >>> 0, true);
    this.pos += 4;
  }

  fixed64(low: number, high: number): void {
    this.ensure(8);
    this.view.setUint32(this.pos, low >>> 0, true);
    this.view.setUint32(this.pos + 4, high >>> 0, true);
    this.pos += 8;
  }

  double(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /** Bytes already encoded (cached keys, resource and scope messages). */
  raw(source: Uint8Array): void {
    this.ensure(source.length);
    this.bytes.set(source, this.pos);
    this.pos += source.length;
  }

  /** A length-delimited bytes field's length and body. */
  lengthAndBytes(source: Uint8Array): void {
    this.uint32(source.length);
    this.raw(source);
  }

  /** Lowercase or uppercase hex ids (trace and span ids) as their bytes, length first. */
  lengthAndHex(hex: string): void {
    const length = hex.length >>> 1;
    this.uint32(length);
    this.ensure(length);
    const bytes = this.bytes;
    let pos = this.pos;
    for (let i = 0; i + 1 < hex.length; i += 2) {
      bytes[pos++] = (hexDigit(hex.charCodeAt(i)) << 4) | hexDigit(hex.charCodeAt(i + 1));
    }
    this.pos = pos;
  }

  /** A string as UTF-8, length first: ASCII in one pass of JavaScript, the rest by the native encoder. */
  lengthAndString(text: string): void {
    const chars = text.length;
    if (chars <= ONE_LENGTH_BYTE_CHARS) {
      this.ensure(1 + chars * 3);
      const bytes = this.bytes;
      const start = this.pos + 1;
      let pos = start;
      for (let i = 0; i < chars; i++) {
        const code = text.charCodeAt(i);
        if (code > 127) {
          pos = start + this.encoder.encodeInto(text, bytes.subarray(start)).written;
          break;
        }
        bytes[pos++] = code;
      }
      bytes[this.pos] = pos - start;
      this.pos = pos;
      return;
    }
    if (chars < NATIVE_ENCODE_CHARS && this.asciiString(text)) return;
    const length = Buffer.byteLength(text, 'utf8');
    this.uint32(length);
    this.ensure(length);
    this.encoder.encodeInto(text, this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
  }

  /** Writes an all-ASCII string of 43+ characters and says true; leaves the buffer alone otherwise. */
  private asciiString(text: string): boolean {
    const chars = text.length;
    const lengthAt = this.pos;
    this.uint32(chars);
    this.ensure(chars);
    const bytes = this.bytes;
    let pos = this.pos;
    for (let i = 0; i < chars; i++) {
      const code = text.charCodeAt(i);
      if (code > 127) {
        this.pos = lengthAt;
        return false;
      }
      bytes[pos++] = code;
    }
    this.pos = pos;
    return true;
  }

  /** Reserves one length byte for a nested message; pass the result to endMessage. */
  beginMessage(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** Writes the nested message's length, moving its body when the length needs more than one byte. */
  endMessage(lengthAt: number): void {
    const bodyStart = lengthAt + 1;
    const length = this.pos - bodyStart;
    if (length < 128) {
      this.bytes[lengthAt] = length;
      return;
    }
    const lengthBytes = length < 16384 ? 2 : length < 2097152 ? 3 : length < 268435456 ? 4 : 5;
    this.ensure(lengthBytes - 1);
    const bytes = this.bytes;
    bytes.copyWithin(lengthAt + lengthBytes, bodyStart, this.pos);
    this.pos += lengthBytes - 1;
    let v = length;
    let pos = lengthAt;
    while (v > 127) {
      bytes[pos++] = (v & 127) | 128;
      v >>>= 7;
    }
    bytes[pos] = v;
  }
}

/** The value of one hex digit; other characters map as the OTLP transformer maps them. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return code - 55;
}
