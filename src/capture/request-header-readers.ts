import type { ClientRequest, OutgoingHttpHeaders } from 'node:http';

/**
 * Readers of one request header, over each transport's own header structure. Recognition asks for
 * a header only when a request's path already looks like an LLM call that its headers must confirm
 * (providers/wire-signatures), so nothing here copies or lower-cases a header list up front: an
 * unrelated request pays nothing, a candidate pays one lookup per header asked.
 *
 * Names come in lower case. Repeated headers are joined with ', ' as fetch does.
 */
export type RequestHeaderReader = (name: string) => string | undefined;

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  return String(value);
}

/** A flat [name, value, name, value, ...] list (undici's request headers, an HTTP/2 header array). */
function fromFlatList(list: readonly unknown[], name: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i + 1 < list.length; i += 2) {
    if (String(list[i]).toLowerCase() !== name) continue;
    const value = textOf(list[i + 1]);
    found = found === undefined ? value : `${found}, ${value}`;
  }
  return found;
}

/** A plain record whose names may be in any case (`{ 'Anthropic-Version': ... }`). */
function fromRecord(record: Record<string, unknown>, name: string): string | undefined {
  const exact = record[name];
  if (exact !== undefined) return textOf(exact);
  for (const key of Object.keys(record)) if (key.toLowerCase() === name) return textOf(record[key]);
  return undefined;
}

/** `[[name, value], ...]` pairs, the other HeadersInit form. */
function fromPairs(pairs: readonly unknown[], name: string): string | undefined {
  let found: string | undefined;
  for (const pair of pairs) {
    if (!Array.isArray(pair) || String(pair[0]).toLowerCase() !== name) continue;
    const value = textOf(pair[1]);
    found = found === undefined ? value : `${found}, ${value}`;
  }
  return found;
}

function fromHeadersInit(init: unknown, name: string): string | undefined {
  if (init instanceof Headers) return init.get(name) ?? undefined;
  if (Array.isArray(init)) return fromPairs(init, name);
  if (init && typeof init === 'object') return fromRecord(init as Record<string, unknown>, name);
  return undefined;
}

/**
 * The headers of a `fetch(input, init)` call: `init.headers` when given (fetch then ignores the
 * Request's own), else the headers of a Request input.
 */
export function fetchHeaderReader(input: unknown, init: RequestInit | undefined): RequestHeaderReader {
  return (name) => {
    if (init?.headers !== undefined) return fromHeadersInit(init.headers, name);
    return input instanceof Request ? (input.headers.get(name) ?? undefined) : undefined;
  };
}

/** undici's request headers: a flat list in undici 6 and 7, a raw `name: value\r\n` block in older ones. */
export function undiciHeaderReader(headers: unknown): RequestHeaderReader {
  return (name) => {
    if (Array.isArray(headers)) return fromFlatList(headers, name);
    if (typeof headers !== 'string') return undefined;
    for (const line of headers.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
    }
    return undefined;
  };
}

/** A node:http ClientRequest: the headers set by its options or setHeader (getHeader ignores case). */
export function clientRequestHeaderReader(request: ClientRequest): RequestHeaderReader {
  return (name) => textOf(request.getHeader(name));
}

/** The headers given to `session.request` (an object, or a flat name/value list). */
export function http2HeaderReader(headers: OutgoingHttpHeaders | readonly string[] | undefined): RequestHeaderReader {
  return (name) => {
    if (!headers) return undefined;
    if (Array.isArray(headers)) return fromFlatList(headers, name);
    return fromRecord(headers as Record<string, unknown>, name);
  };
}
