import type { HttpRequestInfo } from './types.js';

/**
 * The path of an LLM call without trailing slashes, or undefined when the request is not a POST:
 * every API call we read is a POST, and clients differ on a trailing `/`.
 */
export function postPathOf(request: HttpRequestInfo): string | undefined {
  return request.method === 'POST' ? request.url.pathname.replace(/\/+$/, '') : undefined;
}
