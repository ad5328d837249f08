import { parseJsonOrUndefined } from '../providers/json-fields.js';
import { completeTopLevelMembers } from './json-prefix-members.js';
import { MultipartTextFields, startsLikeMultipart } from './multipart-text-fields.js';

/**
 * Most of a request body we keep while it is sent: enough for the model and parameters of any
 * SDK's JSON ahead of long messages. A body that ends within it is parsed whole (messages too);
 * a longer one gives the members that ended before the cut.
 */
const REQUEST_PREFIX_BYTES = 64 * 1024;

/**
 * The first bytes of a request body that is a stream (a `Request` built by an SDK, a proxy
 * forwarding `req.body`), copied as the transport sends them: the body is never read ahead of
 * the transport, held back or kept whole. `deliver` gets the JSON value once, when the prefix is
 * full, the body ended, or the response started (whichever is first), and only if one was read.
 * A multipart upload is read to its end instead, for its text fields only (an SDK streams the
 * file part before the model field): `deliver` gets them as a FormData when the body ended or the
 * response started.
 */
export class RequestBodyPrefix {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private delivered = false;
  private multipart: MultipartTextFields | undefined;

  constructor(private readonly deliver: (body: unknown) => void) {}

  /** A chunk the transport is sending. */
  push(chunk: unknown): void {
    if (this.delivered) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk instanceof Uint8Array ? chunk : undefined;
    if (!bytes) return;
    if (this.bytes === 0 && this.multipart === undefined && startsLikeMultipart(bytes)) this.multipart = new MultipartTextFields();
    if (this.multipart) {
      this.multipart.push(bytes);
      return;
    }
    const room = REQUEST_PREFIX_BYTES - this.bytes;
    const kept = bytes.byteLength > room ? bytes.subarray(0, room) : bytes;
    this.chunks.push(Buffer.from(kept));
    this.bytes += kept.byteLength;
    if (this.bytes >= REQUEST_PREFIX_BYTES) this.flush(false);
  }

  /** The whole body was sent. */
  end(): void {
    this.flush(true);
  }

  /** Delivers what is known now (the response started, or the request failed). */
  flush(complete = false): void {
    if (this.delivered) return;
    this.delivered = true;
    if (this.multipart) {
      this.deliver(this.multipart.result());
      return;
    }
    const text = Buffer.concat(this.chunks).toString('utf8');
    this.chunks.length = 0;
    const body = complete ? parseJsonOrUndefined(text) : completeTopLevelMembers(text);
    if (body !== undefined) this.deliver(body);
  }
}
