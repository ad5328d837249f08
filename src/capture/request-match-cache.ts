import type { ProviderRegistry, UrlRecognition } from '../providers/registry.js';
import type { ApiMatch, RequestHeaderReader } from '../providers/types.js';

/** Distinct method + URL pairs remembered. An app calls a handful of endpoints. */
const MAX_ENTRIES = 256;

/** What a method and URL say (see UrlRecognition), with the parsed URL. */
export interface RequestMatch extends UrlRecognition {
  readonly url: URL;
}

/**
 * The API that reads a request: what its URL decided, else what the one header a candidate path
 * needs confirms. `header` is called only for a candidate, so other requests build no reader.
 */
export function matchOf(found: UrlRecognition, header: () => RequestHeaderReader): ApiMatch | undefined {
  return found.match ?? (found.confirm ? found.confirm(header()) : undefined);
}

/**
 * The registry's answer for a method and URL text, remembered. Apps call the same few endpoints
 * over and over, and parsing the URL and asking every API (each reads host and path) on every
 * call was a measurable part of a traced call's cost. A match holds no per-call state, so one
 * serves every call to its URL, and the URL object is only ever read. URLs that differ on every
 * call (a nonce in the query) fill the cache, which then starts over instead of growing.
 */
export class RequestMatchCache {
  private readonly entries = new Map<string, RequestMatch>();

  constructor(private readonly registry: ProviderRegistry) {}

  /** Throws what `new URL` throws for text that is not a URL. */
  lookup(method: string, urlText: string): RequestMatch {
    const key = `${method} ${urlText}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const url = new URL(urlText);
      const { match, confirm } = this.registry.recognise(method, url);
      entry = { url, match, confirm };
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, entry);
    }
    return entry;
  }
}
