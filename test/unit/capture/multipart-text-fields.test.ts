import { describe, expect, it } from 'vitest';
import { MultipartTextFields } from '../../../src/capture/multipart-text-fields.js';
import { seededRandom } from '../../helpers/seeded-random.js';

const BOUNDARY = '----formdata-llm-otel-0123456789';
const encoded = (...parts: Array<string | Buffer>) =>
  Buffer.concat([...parts.flatMap((part) => [Buffer.from(`--${BOUNDARY}\r\n`), Buffer.from(part), Buffer.from('\r\n')]), Buffer.from(`--${BOUNDARY}--\r\n`)]);
const field = (name: string, value: string) => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`;
const file = (name: string, bytes: Buffer | string) =>
  Buffer.concat([Buffer.from(`Content-Disposition: form-data; name="${name}"; filename="f.wav"\r\nContent-Type: audio/wav\r\n\r\n`), Buffer.from(bytes)]);

/** The text fields read from `body` pushed in the given chunk sizes (the last chunk takes the rest). */
function fieldsOf(body: Buffer, sizes: number[] = [body.byteLength]): Record<string, string> {
  const fields = new MultipartTextFields();
  let at = 0;
  for (const size of sizes) {
    if (at >= body.byteLength) break;
    fields.push(body.subarray(at, at + size));
    at += size;
  }
  if (at < body.byteLength) fields.push(body.subarray(at));
  return Object.fromEntries([...fields.result().entries()].map(([name, value]) => [name, String(value)]));
}

describe('MultipartTextFields', () => {
  it('reads the text fields before and after a file, never the file', () => {
    const body = encoded(field('model', 'whisper-1'), file('file', 'RIFF....WAVE'), field('stream', 'true'));
    expect(fieldsOf(body)).toEqual({ model: 'whisper-1', stream: 'true' });
  });

  it('reads a field that follows a 4 MiB file, whatever the chunking', () => {
    // The file's bytes include CRLFs and a near-boundary, so only the full delimiter may end it.
    const audio = Buffer.alloc(4 * 1024 * 1024, 1);
    audio.write(`\r\n--${BOUNDARY.slice(0, -1)}x`, 1000, 'latin1');
    const body = encoded(file('file', audio), field('model', 'gpt-4o-transcribe'), field('language', 'en'));
    expect(fieldsOf(body)).toEqual({ model: 'gpt-4o-transcribe', language: 'en' });
    expect(fieldsOf(body, Array(4096).fill(1024 + 7))).toEqual({ model: 'gpt-4o-transcribe', language: 'en' });
  });

  it('gives the same fields for 500 seeded chunkings, down to one byte at a time', () => {
    const body = encoded(field('model', 'whisper-1'), file('file', Buffer.alloc(3000, 2)), field('prompt', 'naïve café'), field('n', '2'));
    const random = seededRandom(11);
    for (let run = 0; run < 500; run += 1) {
      const sizes = Array.from({ length: body.byteLength }, () => 1 + Math.floor(random() * (run % 2 === 0 ? 8 : 600)));
      expect(fieldsOf(body, sizes), `chunking ${run}`).toEqual({ model: 'whisper-1', prompt: 'naïve café', n: '2' });
    }
  });

  it('never takes a file part for a field, even one named like a field', () => {
    expect(fieldsOf(encoded(file('model', 'not-a-model')))).toEqual({});
  });

  it('leaves out a value over 256 bytes and reads on past it', () => {
    expect(fieldsOf(encoded(field('prompt', 'p'.repeat(257)), field('model', 'm')))).toEqual({ model: 'm' });
    expect(fieldsOf(encoded(field('prompt', 'p'.repeat(256))))).toEqual({ prompt: 'p'.repeat(256) });
  });

  it('stops, keeping what it found, at a body that is not multipart or a header block without end', () => {
    expect(fieldsOf(Buffer.from('{"model":"m"}'))).toEqual({});
    expect(fieldsOf(Buffer.from(`--${'b'.repeat(100)}\r\n${field('model', 'm')}\r\n--${'b'.repeat(100)}--`))).toEqual({});
    const endless = Buffer.from(`--${BOUNDARY}\r\n${field('model', 'm')}\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"${' '.repeat(4096)}\r\n\r\nv\r\n--${BOUNDARY}--`);
    expect(fieldsOf(endless)).toEqual({ model: 'm' });
  });

  it('reads no field from a part cut off by the body\'s end', () => {
    const body = encoded(field('model', 'whisper-1'));
    expect(fieldsOf(body.subarray(0, body.indexOf('whisper') + 3))).toEqual({});
  });
});
