import { describe, expect, it } from 'vitest';
import { rawHeadersToRecord } from '../../../src/capture/raw-headers.js';
import { seededRandom } from '../../helpers/seeded-random.js';

/** What the record must hold: each part decoded on its own, names lower-cased, repeats joined. */
function expectedRecord(raw: ReadonlyArray<Buffer | string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

const NAMES = ['Content-Type', 'content-encoding', 'X-Request-Id', 'Set-Cookie', 'set-cookie', 'openai-model', 'Location', 'x-amzn-ErrorType', 'A', ''];
// ASCII, non-ASCII UTF-8 (2, 3 and 4 bytes), bytes that are not UTF-8, an empty value.
const VALUES: (string | Buffer)[] = [
  'application/json', 'text/event-stream; charset=utf-8', 'gzip', '', 'req_0123456789abcdef', 'caf\u00e9', '\u20ac 5', '\u{1f600}',
  Buffer.from([0xe2, 0x82]), Buffer.from([0xff, 0x41]), Buffer.from([0xc3]), 'a'.repeat(300),
];

describe('rawHeadersToRecord', () => {
  it('gives what decoding each name and value on its own gives, over seeded header lists', () => {
    const random = seededRandom(42);
    let atOnce = 0;
    for (let round = 0; round < 2000; round += 1) {
      const raw: (Buffer | string)[] = [];
      const count = Math.floor(random() * 25);
      for (let i = 0; i < count; i += 1) {
        const value = VALUES[Math.floor(random() * VALUES.length)]!;
        raw.push(Buffer.from(NAMES[Math.floor(random() * NAMES.length)]!), Buffer.isBuffer(value) ? value : Buffer.from(value));
      }
      // Now and then a list with a string in it, as undici's own API may hand over.
      if (count > 0 && random() < 0.1) raw[1] = raw[1]!.toString();
      if (raw.every((part) => Buffer.isBuffer(part)) && Buffer.concat(raw as Buffer[]).toString().length === Buffer.concat(raw as Buffer[]).length) atOnce += 1;
      expect(rawHeadersToRecord(raw), `round ${round}`).toEqual(expectedRecord(raw));
    }
    // Both paths ran: all-ASCII lists (decoded at once) and the others.
    expect(atOnce).toBeGreaterThan(50);
    expect(atOnce).toBeLessThan(1950);
  });

  it('cuts each value at its own bytes when a value ends where a multi-byte character would start', () => {
    const raw = [Buffer.from('x-a'), Buffer.from([0xe2, 0x82]), Buffer.from('x-b'), Buffer.from([0xac])];
    expect(rawHeadersToRecord(raw)).toEqual({ 'x-a': '\ufffd', 'x-b': '\ufffd' });
  });

  it('reads nothing from no list or an odd trailing name', () => {
    expect(rawHeadersToRecord(undefined)).toEqual({});
    expect(rawHeadersToRecord([Buffer.from('a'), Buffer.from('1'), Buffer.from('dangling')])).toEqual({ a: '1' });
  });
});
