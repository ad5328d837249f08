// OTLP KeyValue and AnyValue encoding (opentelemetry/proto/common/v1/common.proto) into a
// ProtoBuffer. Attribute keys repeat on every span, so each key's encoded `key` field is kept as
// bytes; the value types and their field numbers follow the OTLP transformer's own writer.
import type { Attributes } from '@opentelemetry/api';
import type { ProtoBuffer } from './proto-buffer.js';

/** Keys beyond this many (an app with unbounded attribute names) are encoded each time instead. */
const MAX_CACHED_KEYS = 4096;
const keyFields = new Map<string, Uint8Array>();
const keyEncoder = new TextEncoder();

/** KeyValue.key (field 1, length-delimited): tag, length and UTF-8 bytes. */
function keyField(key: string): Uint8Array | undefined {
  const cached = keyFields.get(key);
  if (cached !== undefined || keyFields.size >= MAX_CACHED_KEYS) return cached;
  const utf8 = keyEncoder.encode(key);
  const lengthBytes: number[] = [];
  for (let v = utf8.length; ; v >>>= 7) {
    if (v < 128) {
      lengthBytes.push(v);
      break;
    }
    lengthBytes.push((v & 127) | 128);
  }
  const field = new Uint8Array(1 + lengthBytes.length + utf8.length);
  field[0] = 0x0a;
  field.set(lengthBytes, 1);
  field.set(utf8, 1 + lengthBytes.length);
  keyFields.set(key, field);
  return field;
}

const INT64_MIN = -(2 ** 63);
const INT64_MAX_EXCLUSIVE = 2 ** 63;

/** An AnyValue message's fields (its length is the caller's). */
function writeAnyValue(out: ProtoBuffer, value: unknown): void {
  switch (typeof value) {
    case 'string':
      out.uint32(0x0a);
      out.lengthAndString(value);
      return;
    case 'boolean':
      out.uint32(0x10);
      out.uint32(value ? 1 : 0);
      return;
    case 'number':
      if (Number.isInteger(value) && value >= INT64_MIN && value < INT64_MAX_EXCLUSIVE) {
        out.uint32(0x18);
        out.int64(value);
      } else {
        out.uint32(0x21);
        out.double(value);
      }
      return;
    case 'object':
      if (value === null) return;
      if (value instanceof Uint8Array) {
        out.uint32(0x3a);
        out.lengthAndBytes(value);
      } else if (Array.isArray(value)) {
        out.uint32(0x2a);
        const arrayAt = out.beginMessage();
        for (const item of value) {
          out.uint32(0x0a);
          const itemAt = out.beginMessage();
          writeAnyValue(out, item);
          out.endMessage(itemAt);
        }
        out.endMessage(arrayAt);
      } else {
        out.uint32(0x32);
        const listAt = out.beginMessage();
        writeKeyValues(out, value as Record<string, unknown>, 1);
        out.endMessage(listAt);
      }
      return;
    default:
      // undefined, functions, symbols, bigint: an empty AnyValue, as the transformer writes.
      return;
  }
}

/** Each own enumerable property as a repeated KeyValue field `fieldNumber`. */
export function writeKeyValues(out: ProtoBuffer, attributes: Attributes | Record<string, unknown>, fieldNumber: number): void {
  const tag = (fieldNumber << 3) | 2;
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
    out.uint32(tag);
    const pairAt = out.beginMessage();
    const field = keyField(key);
    if (field !== undefined) out.raw(field);
    else {
      out.uint32(0x0a);
      out.lengthAndString(key);
    }
    out.uint32(0x12);
    const valueAt = out.beginMessage();
    writeAnyValue(out, (attributes as Record<string, unknown>)[key]);
    out.endMessage(valueAt);
    out.endMessage(pairAt);
  }
}
