import { parseJsonOrUndefined } from '../providers/json-fields.js';

/** Largest request body we parse to read model and parameters. */
const MAX_PARSED_REQUEST_BYTES = 8 * 1024 * 1024;

/** What a multipart upload's parameters need: the fields come before (or just after) the file. */
const MULTIPART_PREFIX_BYTES = 64 * 1024;

/**
 * The JSON value of a request body the app handed to its client, when it is readable without
 * consuming anything (a string or bytes). A FormData is handed over as it is (its fields are read
 * by name, which consumes nothing), and an encoded multipart body (`--boundary` first) as the text
 * of its first 64 KiB, for the provider parser to read the upload's fields from. Streams and
 * Blobs give undefined: reading them would take them from the app.
 */
export function readRequestBody(body: unknown): unknown {
  if (typeof body === 'string') {
    if (body.startsWith('--')) return body.slice(0, MULTIPART_PREFIX_BYTES);
    return body.length <= MAX_PARSED_REQUEST_BYTES ? parseJsonOrUndefined(body) : undefined;
  }
  if (body instanceof Uint8Array) {
    const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (bytes[0] === 0x2d && bytes[1] === 0x2d) return bytes.toString('latin1', 0, Math.min(bytes.byteLength, MULTIPART_PREFIX_BYTES));
    return body.byteLength <= MAX_PARSED_REQUEST_BYTES ? parseJsonOrUndefined(bytes.toString('utf8')) : undefined;
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
