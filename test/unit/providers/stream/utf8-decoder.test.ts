import { describe, expect, it } from 'vitest';
import { createUtf8Decoder } from '../../../../src/providers/stream/utf8-decoder.js';
import { seededRandom } from '../../../helpers/seeded-random.js';

/** What one TextDecoder fed every chunk with `{ stream: true }` makes of them: the reference. */
function streamDecoded(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8');
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}

function decoded(chunks: Uint8Array[]): string {
  const decoder = createUtf8Decoder();
  return chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.end();
}

const BOM = [0xef, 0xbb, 0xbf];
const PIECES: number[][] = [
  [...Buffer.from('{"a":"b"}\n')], [...Buffer.from('é')], [...Buffer.from('€')], [...Buffer.from('😀')], BOM,
  [0xff], [0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x00], [0x7f],
];

function splitAt(bytes: number[], next: () => number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    const size = Math.floor(next() * 6);
    chunks.push(Uint8Array.from(bytes.slice(at, at + size)));
    at += size;
  }
  return chunks;
}

describe('createUtf8Decoder', () => {
  it.each([
    ['one ASCII chunk', [Buffer.from('{"ok":true}')]],
    ['a character split across chunks', [Buffer.from([0x7b, 0xe2]), Buffer.from([0x82, 0xac, 0x7d])]],
    ['a leading BOM, dropped', [Uint8Array.from([...BOM, 0x7b, 0x7d])]],
    ['a BOM after the first chunk, kept', [Buffer.from('{'), Uint8Array.from([...BOM, 0x7d])]],
    ['a BOM after an empty first chunk, dropped', [new Uint8Array(0), Uint8Array.from([...BOM, 0x7d])]],
    ['a BOM split across the first chunks', [Uint8Array.from([0xef]), Uint8Array.from([0xbb, 0xbf, 0x7d])]],
    ['an invalid byte at the end', [Buffer.from('{'), Uint8Array.from([0xff])]],
    ['a cut character at the end', [Buffer.from('{'), Uint8Array.from([0xe2, 0x82])]],
  ])('%s: as one stream decoder', (_name, chunks) => {
    expect(decoded(chunks)).toBe(streamDecoded(chunks));
  });

  it('2,000 seeded chunkings of ASCII, multi-byte, BOM and invalid bytes: as one stream decoder', () => {
    const next = seededRandom(15);
    for (let run = 0; run < 2_000; run++) {
      const bytes = Array.from({ length: 1 + Math.floor(next() * 12) }, () => PIECES[Math.floor(next() * PIECES.length)]!).flat();
      const chunks = splitAt(bytes, next);
      expect(decoded(chunks), `run ${run}: ${JSON.stringify(chunks.map((c) => [...c]))}`).toBe(streamDecoded(chunks));
    }
  });
});
