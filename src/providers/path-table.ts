import type { HttpRequestInfo } from './types.js';
import { postPathOf } from './post-path.js';

/**
 * An API recognised by a host and a table of paths (Cohere, Voyage, watsonx, Aleph Alpha,
 * Ollama). A host mapped in the config is matched by path alone, under the mapping's provider.
 */
export interface PathTable<Call> {
  /** The API's own hosts (given lower-cased); a mapped host skips this check. */
  isOwnHost(hostname: string): boolean;
  /** The provider name on the API's own hosts. */
  provider: string;
  /** Path endings and what each one is, most specific first. */
  calls: ReadonlyArray<readonly [string, Call]>;
  /**
   * On the API's own hosts the path must equal an entry rather than end with it (a mapped
   * gateway may still add a prefix, e.g. `/cohere/v2/chat`).
   */
  exactOnOwnHost?: boolean;
}

export interface PathTableMatch<Call> {
  provider: string;
  call: Call;
}

/** The table's entry for this POST request, or undefined when the host or path is not the API's. */
export function matchPathTable<Call>(
  table: PathTable<Call>,
  request: HttpRequestInfo,
  providerHint: string | undefined,
): PathTableMatch<Call> | undefined {
  const path = postPathOf(request);
  if (path === undefined) return undefined;
  if (!providerHint && !table.isOwnHost(request.url.hostname.toLowerCase())) return undefined;
  const exact = !providerHint && table.exactOnOwnHost === true;
  const entry = table.calls.find(([end]) => (exact ? path === end : path.endsWith(end)));
  return entry ? { provider: providerHint ?? table.provider, call: entry[1] } : undefined;
}
