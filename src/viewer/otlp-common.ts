/*
 * Converters for the messages of opentelemetry/proto/common/v1/common.proto
 * (AnyValue, KeyValue, InstrumentationScope), shared by the trace and metrics
 * decoders.
 */
import type { ReceivedAttributes, ReceivedAttributeScalar, ReceivedAttributeValue } from './received-telemetry.js';

/** `AnyValue` as produced by `toObject` with `OTLP_TO_OBJECT_OPTIONS`. */
export interface AnyValueObject {
  value?: string;
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValueObject[] };
  kvlistValue?: { values?: KeyValueObject[] };
  bytesValue?: Uint8Array;
}

export interface KeyValueObject {
  key?: string;
  value?: AnyValueObject;
}

function scalarFromAnyValue(any: AnyValueObject | undefined): ReceivedAttributeScalar | undefined {
  switch (any?.value) {
    case 'stringValue':
      return any.stringValue ?? '';
    case 'boolValue':
      return any.boolValue ?? false;
    case 'intValue':
      return Number(any.intValue ?? 0);
    case 'doubleValue':
      return any.doubleValue ?? 0;
    case 'bytesValue':
      return Buffer.from(any.bytesValue ?? []).toString('base64');
    case 'kvlistValue':
      // Not an API attribute type (only log bodies use maps); keep it readable.
      return JSON.stringify(attributesFromKeyValues(any.kvlistValue?.values));
    case 'arrayValue':
      // Nested arrays cannot come from the API either; flatten to text.
      return JSON.stringify(valueFromAnyValue(any));
    default:
      return undefined;
  }
}

function valueFromAnyValue(any: AnyValueObject | undefined): ReceivedAttributeValue | undefined {
  if (any?.value === 'arrayValue') {
    const items: ReceivedAttributeScalar[] = [];
    for (const item of any.arrayValue?.values ?? []) {
      const scalar = scalarFromAnyValue(item);
      if (scalar !== undefined) items.push(scalar);
    }
    return items;
  }
  return scalarFromAnyValue(any);
}

/** Turns OTLP `repeated KeyValue` into a plain record; empty values are dropped. */
export function attributesFromKeyValues(keyValues: KeyValueObject[] | undefined): ReceivedAttributes {
  const attributes: ReceivedAttributes = {};
  for (const { key, value } of keyValues ?? []) {
    const converted = valueFromAnyValue(value);
    if (key !== undefined && converted !== undefined) attributes[key] = converted;
  }
  return attributes;
}

export interface ScopeObject {
  name?: string;
  version?: string;
}

export function scopeFrom(scope: ScopeObject | undefined): { name: string; version?: string } {
  return scope?.version ? { name: scope.name ?? '', version: scope.version } : { name: scope?.name ?? '' };
}
