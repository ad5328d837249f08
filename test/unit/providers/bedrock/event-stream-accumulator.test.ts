import { describe, expect, it } from 'vitest';
import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { createEventStreamAccumulator, headerString, payloadText } from '../../../../src/providers/stream/aws-event-stream-accumulator.js';
import { fixtureResponseBytes, loadFixture } from '../../../helpers/fixtures.js';
import { parseFixture } from '../../../helpers/parse-fixture.js';

const codec = new EventStreamCodec(
  (input) => (typeof input === 'string' ? input : new TextDecoder().decode(input)),
  (input) => new TextEncoder().encode(input),
);

function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: new TextEncoder().encode(JSON.stringify(payload)),
  });
}

/** Collects the event type and payload of every message the accumulator decodes. */
function collect(pieces: Uint8Array[]): string[] {
  const seen: string[] = [];
  const accumulator = createEventStreamAccumulator({
    onMessage: (m: Message) => seen.push(`${headerString(m, ':event-type')} ${payloadText(m)}`),
    result: () => ({}),
  });
  for (const piece of pieces) accumulator.push(piece);
  accumulator.finish();
  return seen;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

const frames = [eventFrame('messageStart', { role: 'assistant' }), eventFrame('messageStop', { stopReason: 'end_turn' }), eventFrame('metadata', { usage: { inputTokens: 3, outputTokens: 4 } })];
const all = concat(...frames);
const decoded = ['messageStart {"role":"assistant"}', 'messageStop {"stopReason":"end_turn"}', 'metadata {"usage":{"inputTokens":3,"outputTokens":4}}'];

describe('AWS event-stream framing', () => {
  it('decodes every frame whatever the chunk boundaries', () => {
    for (let cut = 0; cut <= all.length; cut += 1) {
      expect(collect([all.subarray(0, cut), all.subarray(cut)])).toEqual(decoded);
    }
    for (let second = 1; second < all.length; second += 5) {
      for (let first = 0; first < second; first += 3) {
        expect(collect([all.subarray(0, first), all.subarray(first, second), all.subarray(second)])).toEqual(decoded);
      }
    }
  });

  it('skips a frame whose message CRC fails and reads the frames after it', () => {
    const broken = concat(...frames);
    broken[frames[0]!.length + 20] ^= 0xff; // a payload byte of the second frame
    expect(collect([broken])).toEqual([decoded[0], decoded[2]]);
  });

  it('stops at a corrupt length prefix, keeping what came before, without throwing', () => {
    const broken = concat(...frames);
    broken[frames[0]!.length] = 0xff; // the second frame's total_len becomes ~4 GiB, past the 16 MiB cap
    expect(collect([broken])).toEqual([decoded[0]]);
  });

  it('skips misaligned frames when a length prefix is wrong but plausible', () => {
    const broken = concat(...frames);
    broken[frames[0]!.length + 3] -= 1; // the second frame claims one byte less; its prelude CRC fails
    // The reader then starts one byte early on the third frame, which fails its checks too: no
    // frame is ever decoded from misaligned bytes.
    expect(collect([broken])).toEqual([decoded[0]]);
  });

  it('drops a partial frame at the end of a cut stream', () => {
    expect(collect([all.subarray(0, all.length - 5)])).toEqual([decoded[0], decoded[1]]);
  });

  it('ignores bytes after the framing was lost', () => {
    expect(collect([new Uint8Array([0, 0, 0, 3]), all])).toEqual([]);
  });
});

describe('corrupted Bedrock recordings still give a span with what could be read', () => {
  it('a converse stream whose metadata frame fails its CRC keeps the stop reason', () => {
    const fixture = loadFixture('aws.bedrock--converseStream--titan-lite-max-tokens');
    const bytes = Buffer.from(fixtureResponseBytes(fixture));
    bytes[bytes.length - 10] ^= 0x01; // inside the last (metadata) frame
    const { response } = parseFixture(fixture, { body: bytes, chunkBytes: 9 });
    expect(response).toEqual({ finishReasons: ['max_tokens'] });
  });

  it('an invoke stream whose first chunk fails its CRC keeps the final invocation metrics', () => {
    const fixture = loadFixture('aws.bedrock--invokeModelWithResponseStream--claude3-sonnet-messages');
    const bytes = Buffer.from(fixtureResponseBytes(fixture));
    bytes[40] ^= 0x01; // inside the first frame (message_start: id, model)
    const { response } = parseFixture(fixture, { body: bytes });
    expect(response).toEqual({ finishReasons: ['end_turn'], usage: { inputTokens: 16, outputTokens: 21 } });
  });

  it('an invoke stream cut in the middle keeps the id and model of message_start', () => {
    const fixture = loadFixture('aws.bedrock--invokeModelWithResponseStream--claude3-sonnet-messages');
    const bytes = fixtureResponseBytes(fixture);
    const { response } = parseFixture(fixture, { body: bytes.subarray(0, Math.floor(bytes.length / 2)) });
    expect(response).toEqual({
      responseId: 'msg_bdrk_014eJfxWXNnxFKhmuiT8FYf7',
      responseModel: 'claude-3-sonnet-20240229',
      usage: { inputTokens: 16, outputTokens: 1 },
    });
  });

  it('garbage instead of frames gives no facts and no exception', () => {
    const fixture = loadFixture('aws.bedrock--converseStream--llama32-1b');
    const { response } = parseFixture(fixture, { body: new TextEncoder().encode('<html>502 Bad Gateway</html>') });
    expect(response).toEqual({});
  });
});
