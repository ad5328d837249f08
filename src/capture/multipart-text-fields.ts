/**
 * The short text fields (model, stream, purpose, ...) of a multipart/form-data body, read as the
 * body goes by: audio transcriptions, image edits and file uploads send their parameters this way,
 * beside a file that can be hundreds of MB and that SDKs often put first. The file's bytes are
 * searched for the next boundary natively and never kept; what is kept is bounded whatever the
 * body: one part's headers, one value, the fields found so far.
 *
 * Written here because the maintained multipart parsers (busboy, @fastify/busboy) are writable
 * streams that want the whole body piped through them and emit files as streams of their own;
 * this observes chunks a transport is already sending and must not change, slow or hold them.
 */

/** A field value longer than this is not a parameter (a model name, a flag) and is not kept. */
const MAX_FIELD_BYTES = 256;
/** RFC 2046 caps a boundary at 70 characters; `--` and a little slack on top. */
const MAX_FIRST_LINE_BYTES = 80;
/** A part's header block (Content-Disposition, Content-Type) is a few hundred bytes. */
const MAX_HEADER_BYTES = 2048;
/** Uploads carry a handful of fields; a body with more parts is not read further. */
const MAX_PARTS = 64;

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const FIELD_NAME = /content-disposition:[^\r\n]*?\bname="([^"]*)"/i;
const FILE_NAME = /content-disposition:[^\r\n]*?\bfilename\*?=/i;

type State = 'first-line' | 'headers' | 'body' | 'after-delimiter' | 'done';

export class MultipartTextFields {
  private state: State = 'first-line';
  /** Bytes of an unfinished first line, header block or delimiter, carried into the next chunk. */
  private carry: Buffer = Buffer.alloc(0);
  private delimiter: Buffer = Buffer.alloc(0);
  private fieldName: string | undefined;
  private readonly value: Buffer[] = [];
  private valueBytes = 0;
  private parts = 0;
  private readonly fields = new FormData();

  /** A chunk of the body, in order. */
  push(chunk: Uint8Array): void {
    if (this.state === 'done' || chunk.byteLength === 0) return;
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const data = this.carry.byteLength > 0 ? this.joinCarry(bytes) : bytes;
    this.carry = Buffer.alloc(0);
    let at = 0;
    while (at < data.byteLength) {
      const next = this.step(data, at);
      if (next === undefined) return;
      at = next;
    }
  }

  /**
   * The carried bytes and `bytes` as one buffer to read on from. Inside a part's body (a file,
   * chunk after chunk) the carry is the chunk's tail that might begin the delimiter: when the
   * delimiter does not start in it, it is body and `bytes` is read as it is, without copying it.
   */
  private joinCarry(bytes: Buffer): Buffer {
    // The seam holds any delimiter that starts in the carry only if `bytes` can complete it.
    if (this.state === 'body' && bytes.byteLength >= this.delimiter.byteLength - 1) {
      const seam = Buffer.concat([this.carry, bytes.subarray(0, this.delimiter.byteLength - 1)]);
      const found = seam.indexOf(this.delimiter);
      if (found === -1 || found >= this.carry.byteLength) {
        this.keepValue(this.carry, 0, this.carry.byteLength);
        return bytes;
      }
    }
    return Buffer.concat([this.carry, bytes]);
  }

  /** The text fields seen so far: a FormData, read by name like the one an SDK hands to fetch. */
  result(): FormData {
    return this.fields;
  }

  /** Consumes from `at` and returns where to go on, or undefined once the rest is carried. */
  private step(data: Buffer, at: number): number | undefined {
    switch (this.state) {
      case 'first-line': {
        const end = data.indexOf(CRLF, at);
        if (end === -1) return this.carryOrStop(data, at, MAX_FIRST_LINE_BYTES);
        const line = data.subarray(at, end);
        if (line.byteLength < 3 || line.byteLength > MAX_FIRST_LINE_BYTES || line[0] !== 0x2d || line[1] !== 0x2d) return this.stop();
        this.delimiter = Buffer.concat([CRLF, line]);
        this.state = 'headers';
        return end + CRLF.byteLength;
      }
      case 'headers': {
        const end = data.indexOf(HEADER_END, at);
        if (end === -1) return this.carryOrStop(data, at, MAX_HEADER_BYTES);
        if (end - at > MAX_HEADER_BYTES) return this.stop();
        const headers = data.toString('latin1', at, end);
        this.fieldName = FILE_NAME.test(headers) ? undefined : FIELD_NAME.exec(headers)?.[1];
        this.value.length = 0;
        this.valueBytes = 0;
        this.state = 'body';
        return end + HEADER_END.byteLength;
      }
      case 'body': {
        const end = data.indexOf(this.delimiter, at);
        if (end === -1) {
          // The chunk's last bytes may begin the delimiter: they are looked at again with the next.
          const keep = Math.max(at, data.byteLength - (this.delimiter.byteLength - 1));
          this.keepValue(data, at, keep);
          this.carry = Buffer.from(data.subarray(keep));
          return undefined;
        }
        this.keepValue(data, at, end);
        this.endPart();
        this.state = 'after-delimiter';
        return end + this.delimiter.byteLength;
      }
      case 'after-delimiter': {
        // `--` closes the body; otherwise (optional padding, then) CRLF starts the next part.
        if (data.byteLength - at < 2) return this.carryOrStop(data, at, MAX_FIRST_LINE_BYTES);
        if (data[at] === 0x2d && data[at + 1] === 0x2d) return this.stop();
        const end = data.indexOf(CRLF, at);
        if (end === -1) return this.carryOrStop(data, at, MAX_FIRST_LINE_BYTES);
        if (++this.parts >= MAX_PARTS) return this.stop();
        this.state = 'headers';
        return end + CRLF.byteLength;
      }
      default:
        return this.stop();
    }
  }

  private keepValue(data: Buffer, from: number, to: number): void {
    if (this.fieldName === undefined || to <= from) return;
    this.valueBytes += to - from;
    if (this.valueBytes <= MAX_FIELD_BYTES) this.value.push(Buffer.from(data.subarray(from, to)));
  }

  private endPart(): void {
    if (this.fieldName !== undefined && this.valueBytes <= MAX_FIELD_BYTES) {
      this.fields.append(this.fieldName, Buffer.concat(this.value).toString('utf8'));
    }
    this.value.length = 0;
  }

  private carryOrStop(data: Buffer, at: number, limit: number): undefined {
    if (data.byteLength - at > limit) return this.stop();
    this.carry = Buffer.from(data.subarray(at));
    return undefined;
  }

  private stop(): undefined {
    this.state = 'done';
    this.carry = Buffer.alloc(0);
    this.value.length = 0;
    return undefined;
  }
}

/** Whether a body's first bytes are a multipart delimiter (`--boundary`). */
export function startsLikeMultipart(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 2 && bytes[0] === 0x2d && bytes[1] === 0x2d;
}
