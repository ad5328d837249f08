/**
 * undici reports headers as a flat [name, value, name, value, ...] list of Buffers (or strings).
 * We only ever read a few of them, but a lower-cased record keeps the parsers simple.
 */
export function rawHeadersToRecord(raw: ReadonlyArray<Buffer | string> | undefined): Record<string, string> {
  if (!raw) return {};
  return rawHeadersDecodedAtOnce(raw) ?? rawHeadersDecodedOneByOne(raw);
}

/**
 * Every name and value decoded by one UTF-8 decode of their bytes joined, then cut at the parts'
 * byte lengths. This runs on every response of a traced call, and two native decodes per header
 * were ~3,000 instructions a header. Valid only when every byte decoded to one character (all
 * ASCII, the usual case): then the byte offsets are character offsets. Anything else, or a string
 * in the list, is left to the decoder of each part (undefined).
 */
function rawHeadersDecodedAtOnce(raw: ReadonlyArray<Buffer | string>): Record<string, string> | undefined {
  let bytes = 0;
  for (const part of raw) {
    if (typeof part === 'string') return undefined;
    bytes += part.length;
  }
  const text = Buffer.concat(raw as Buffer[], bytes).toString();
  if (text.length !== bytes) return undefined;
  const headers: Record<string, string> = {};
  let at = 0;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const nameEnd = at + raw[i]!.length;
    const valueEnd = nameEnd + raw[i + 1]!.length;
    addHeader(headers, text.slice(at, nameEnd).toLowerCase(), text.slice(nameEnd, valueEnd));
    at = valueEnd;
  }
  return headers;
}

function rawHeadersDecodedOneByOne(raw: ReadonlyArray<Buffer | string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    // Names are ASCII tokens: latin1 gives the same text without UTF-8 decoding.
    addHeader(headers, raw[i]!.toString('latin1').toLowerCase(), raw[i + 1]!.toString());
  }
  return headers;
}

/** A repeated header's values joined with ", ", as the Fetch standard combines them. */
function addHeader(headers: Record<string, string>, name: string, value: string): void {
  const earlier = headers[name];
  headers[name] = earlier === undefined ? value : `${earlier}, ${value}`;
}

/** node:http's IncomingHttpHeaders (already lower-case; arrays for repeats) -> record. */
export function nodeHeadersToRecord(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number, headers: Record<string, string>): boolean {
  return REDIRECT_STATUSES.has(status) && headers.location !== undefined;
}
