import type { ReceivedAttributes, ReceivedSpan } from '../../helpers/otlp-receiver.js';

/**
 * Credentials every fault-suite app sends, in every header and query parameter providers use for
 * them. Apps get them as JSON in the env (SECRET_HEADERS) and add them to each request; every span
 * the suite receives is then scanned for the values and for the header and parameter names.
 */
export const SECRET_HEADERS: Readonly<Record<string, string>> = {
  authorization: 'Bearer sk-fault-suite-bearer-7f3a9c1e5d',
  'api-key': 'azure-fault-suite-key-2b8e4f6a0c',
  'x-api-key': 'fault-suite-x-api-key-9d1c3e5f7a',
  'x-goog-api-key': 'AIzaFaultSuiteGoogKey4e6a8c0b2d',
};

/** Query parameters some providers take keys in (Gemini `?key=`, older gateways `?api_key=`). */
export const SECRET_QUERY: Readonly<Record<string, string>> = {
  key: 'AIzaFaultSuiteQueryKey1a3c5e7f9b',
  api_key: 'sk-fault-suite-query-key-8b0d2f4a6c',
};

/** The bare key values (a bearer token without `Bearer `), each of which must appear nowhere. */
export const SECRET_VALUES: readonly string[] = [
  ...Object.values(SECRET_HEADERS).map((value) => value.replace(/^Bearer /, '')),
  ...Object.values(SECRET_QUERY),
];

/** Names that would show a credential was copied, even with its value redacted. */
const CREDENTIAL_NAMES = [...Object.keys(SECRET_HEADERS), 'api_key', '?key=', '&key=', 'bearer'];

function* texts(span: ReceivedSpan): Generator<[where: string, text: string]> {
  const fromAttributes = function* (prefix: string, attributes: ReceivedAttributes): Generator<[string, string]> {
    for (const [key, value] of Object.entries(attributes)) {
      yield [`${prefix} key`, key];
      yield [`${prefix} ${key}`, Array.isArray(value) ? value.join('\u0000') : String(value)];
    }
  };
  yield ['name', span.name];
  yield* fromAttributes('attribute', span.attributes);
  yield* fromAttributes('resource', span.resource);
  for (const event of span.events) {
    yield ['event name', event.name];
    yield* fromAttributes(`event ${event.name}`, event.attributes);
  }
  if (span.status.message !== undefined) yield ['status message', span.status.message];
}

/** Every place a key value or a credential name shows up in these spans, as readable lines. */
export function findSecrets(spans: readonly ReceivedSpan[]): string[] {
  const found: string[] = [];
  for (const span of spans) {
    for (const [where, text] of texts(span)) {
      const lower = text.toLowerCase();
      for (const secret of SECRET_VALUES) if (text.includes(secret)) found.push(`${span.name}: ${where} holds key ${secret}`);
      for (const name of CREDENTIAL_NAMES) if (lower.includes(name)) found.push(`${span.name}: ${where} names ${name}`);
    }
  }
  return found;
}
