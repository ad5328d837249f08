import { parseJsonOrUndefined } from '../providers/json-fields.js';

/** Largest request body we parse to read model and parameters. */
const MAX_PARSED_REQUEST_BYTES = 8 * 1024 * 1024;

/**
 * The JSON value of a request body the app handed to its client, when it is readable without
 * consuming anything (a string or bytes). Streams, Blobs and FormData give undefined: reading
 * them would take them from the app.
 */
export function readRequestBody(body: unknown): unknown {
  if (typeof body === 'string') return body.length <= MAX_PARSED_REQUEST_BYTES ? parseJsonOrUndefined(body) : undefined;
  if (body instanceof Uint8Array) {
    return body.byteLength <= MAX_PARSED_REQUEST_BYTES ? parseJsonOrUndefined(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) : undefined;
  }
  if (body instanceof ArrayBuffer) return readRequestBody(new Uint8Array(body));
  return undefined;
}

/** Whether `readRequestBody` can read this body: a stream, Blob or FormData must be seen as it is sent. */
export function isReadableRequestBody(body: unknown): boolean {
  return typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer;
}
