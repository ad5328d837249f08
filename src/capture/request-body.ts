import { parseJsonOrUndefined } from '../providers/json-fields.js';
import { MultipartTextFields, startsLikeMultipart } from './multipart-text-fields.js';

/** Largest request body we parse to read model and parameters. */
const MAX_PARSED_REQUEST_BYTES = 8 * 1024 * 1024;

/**
 * The JSON value of a request body the app handed to its client, when it is readable without
 * consuming anything (a string or bytes). A FormData is handed over as it is (its fields are read
 * by name, which consumes nothing), and an encoded multipart body (`--boundary` first) as a
 * FormData of its text fields, for the provider parser to read the upload's fields from. Streams
 * and Blobs give undefined: reading them would take them from the app.
 */
export function readRequestBody(body: unknown): unknown {
  if (typeof body === 'string') {
    if (body.startsWith('--')) return multipartTextFieldsOf(Buffer.from(body.slice(0, MAX_PARSED_REQUEST_BYTES)));
    return body.length <= MAX_PARSED_REQUEST_BYTES ? parseJsonOrUndefined(body) : undefined;
  }
  if (body instanceof Uint8Array) {
    if (startsLikeMultipart(body)) return multipartTextFieldsOf(body);
    return body.byteLength <= MAX_PARSED_REQUEST_BYTES ? parseJsonOrUndefined(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) : undefined;
  }
  if (typeof FormData !== 'undefined' && body instanceof FormData) return body;
  if (body instanceof ArrayBuffer) return readRequestBody(new Uint8Array(body));
  return undefined;
}

/**
 * Whether `readRequestBody` can read this body: a stream or Blob must be seen as it is sent. A
 * FormData can: its text fields are read by name, which consumes nothing.
 */
export function isReadableRequestBody(body: unknown): boolean {
  return typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer || (typeof FormData !== 'undefined' && body instanceof FormData);
}

function multipartTextFieldsOf(bytes: Uint8Array): FormData {
  const fields = new MultipartTextFields();
  fields.push(bytes);
  return fields.result();
}
