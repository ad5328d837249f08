/**
 * undici reports headers as a flat [name, value, name, value, ...] list of Buffers (or strings).
 * We only ever read a few of them, but a lower-cased record keeps the parsers simple.
 */
export function rawHeadersToRecord(raw: ReadonlyArray<Buffer | string> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!raw) return headers;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    // Names are ASCII tokens: latin1 gives the same text without UTF-8 decoding (this runs on
    // every response of a traced call).
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString();
    const earlier = headers[name];
    headers[name] = earlier === undefined ? value : `${earlier}, ${value}`;
  }
  return headers;
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
