import type { ApiMatch, HttpRequestInfo, SignatureCheck } from './types.js';
import { hostnameOf, postPathOf } from './post-path.js';

/**
 * What names a path-table API on a host nobody mapped, besides a path ending of its table: a
 * header its clients always send (read only once the path matched), or a query parameter and a
 * path shape every call has. Without one, the API is recognised on its own hosts and mapped ones only.
 */
export type PathTableSignature =
  | { readonly header: string; readonly test: (value: string) => boolean }
  | { readonly query: string; readonly path: RegExp };

/**
 * An API recognised by a host and a table of paths (Cohere, Voyage, watsonx, Aleph Alpha,
 * Ollama). A host mapped in the config is matched by path alone, under the mapping's provider.
 */
export interface PathTable<Call> {
  /** The API's own hosts (hostname given lower-cased; the URL for a port rule). A mapped host skips this check. */
  isOwnHost(hostname: string, url: URL): boolean;
  /** The provider name on the API's own hosts. */
  provider: string;
  /** Path endings and what each one is, most specific first. */
  calls: ReadonlyArray<readonly [string, Call]>;
  /**
   * On the API's own hosts the path must equal an entry rather than end with it (a mapped
   * gateway may still add a prefix, e.g. `/cohere/v2/chat`).
   */
  exactOnOwnHost?: boolean;
  signature?: PathTableSignature;
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
  if (!providerHint && !table.isOwnHost(hostnameOf(request), request.url)) return undefined;
  const exact = !providerHint && table.exactOnOwnHost === true;
  const entry = table.calls.find(([end]) => (exact ? path === end : path.endsWith(end)));
  return entry ? { provider: providerHint ?? table.provider, call: entry[1] } : undefined;
}

/**
 * The table's wire signature on a host nobody mapped (see LlmApi.signature): a path that ends like
 * an entry (any prefix), then the query and path shape, or a check of the header.
 */
export function matchPathTableSignature<Call>(
  table: PathTable<Call>,
  request: HttpRequestInfo,
  build: (found: PathTableMatch<Call>) => ApiMatch,
): ApiMatch | SignatureCheck | undefined {
  const signature = table.signature;
  if (!signature) return undefined;
  const path = postPathOf(request);
  if (path === undefined) return undefined;
  const entry = table.calls.find(([end]) => path.endsWith(end));
  if (!entry) return undefined;
  const found = { provider: table.provider, call: entry[1] };
  if ('query' in signature) {
    return signature.path.test(path) && request.url.searchParams.has(signature.query) ? build(found) : undefined;
  }
  return {
    confirm(header) {
      const value = header(signature.header);
      return value !== undefined && signature.test(value) ? build(found) : undefined;
    },
  };
}
