import { createRequire } from 'node:module';
import type { EventStreamCodec, Message } from '@smithy/eventstream-codec';
import type { ResponseAccumulator, ResponseFacts } from '../types.js';
import { ByteQueue } from './byte-queue.js';

/** Folds decoded AWS event-stream messages into response facts, one message at a time. */
export interface EventStreamReducer {
  onMessage(message: Message): void;
  result(): ResponseFacts;
}

/**
 * Smallest and largest frame the framing allows: a frame is `total_len headers_len prelude_crc
 * headers payload message_crc`, so 16 bytes with nothing in it; AWS caps a message at 16 MiB of
 * payload plus 128 KiB of headers. A length outside these bounds means the framing is lost.
 */
const MIN_FRAME_BYTES = 16;
const MAX_FRAME_BYTES = 16 * 1024 * 1024 + 128 * 1024;

/**
 * The codec's package (with @smithy/core under it) is required on the first Bedrock stream, not
 * imported: an app that never streams from Bedrock should not compile it at start-up (issue 10's
 * budget). Its CommonJS build loads synchronously, so the first stream is read like the others.
 */
let codecClass: typeof EventStreamCodec | undefined;
function eventStreamCodecClass(): typeof EventStreamCodec {
  codecClass ??= (createRequire(import.meta.url)('@smithy/eventstream-codec') as typeof import('@smithy/eventstream-codec')).EventStreamCodec;
  return codecClass;
}

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

/**
 * `application/vnd.amazon.eventstream` bodies (Bedrock converse-stream and
 * invoke-with-response-stream). `@smithy/eventstream-codec` checks both CRCs and parses the
 * headers of one whole frame; its streaming split works on an async iterable, which a push-based
 * observer cannot offer, so the frames are cut here by their length prefix.
 *
 * A frame whose CRC fails is skipped and the next one read: its declared length still ends it
 * (and if the length itself was corrupt, the misaligned frames that follow fail their CRCs too).
 * A length out of bounds stops decoding; what was read so far still makes the facts.
 */
export function createEventStreamAccumulator(reducer: EventStreamReducer): ResponseAccumulator {
  const codec = new (eventStreamCodecClass())(
    (input) => (typeof input === 'string' ? input : utf8Decoder.decode(input)),
    (input) => utf8Encoder.encode(input),
  );
  const queue = new ByteQueue();
  let framingLost = false;

  const readFrames = () => {
    for (;;) {
      const total = queue.peekUint32();
      if (total === undefined) return;
      if (total < MIN_FRAME_BYTES || total > MAX_FRAME_BYTES) {
        framingLost = true;
        queue.clear();
        return;
      }
      if (queue.length < total) return;
      const frame = queue.take(total);
      let message: Message;
      try {
        message = codec.decode(frame);
      } catch {
        continue;
      }
      reducer.onMessage(message);
    }
  };

  return {
    push(chunk) {
      if (framingLost) return;
      queue.push(chunk);
      readFrames();
    },
    finish() {
      // A partial frame left at the end is a cut stream: its bytes cannot be checked, so unused.
      queue.clear();
      return reducer.result();
    },
  };
}

/** A message header's string value (`:event-type`, `:message-type`, ...), if it is one. */
export function headerString(message: Message, name: string): string | undefined {
  const header = message.headers[name];
  return header?.type === 'string' ? header.value : undefined;
}

/** The message payload as UTF-8 text. */
export function payloadText(message: Message): string {
  return utf8Decoder.decode(message.body);
}
