import type { HttpRequestInfo } from './types.js';

/**
 * A request as the registry hands it to each API, with the URL parts every API reads kept on it
 * once read: up to ten APIs are asked, twice (own hosts, then wire signatures), and a URL getter
 * plus the trailing-slash trim cost more than the rest of a match. The registry creates one per
 * recognition, so keeping the parts on it touches nothing of the caller's.
 */
export interface RecognitionRequest extends HttpRequestInfo {
  /** The POST path without trailing slashes; null for another method; undefined until read. */
  postPath?: string | null;
  hostname?: string;
}

export function recognitionRequest(method: string, url: URL): RecognitionRequest {
  return { method, url, postPath: undefined, hostname: undefined };
}

/**
 * The path of an LLM call without trailing slashes, or undefined when the request is not a POST:
 * every API call we read is a POST, and clients differ on a trailing `/`.
 */
export function postPathOf(request: RecognitionRequest): string | undefined {
  if (request.postPath === undefined) {
    request.postPath = request.method === 'POST' ? request.url.pathname.replace(/\/+$/, '') : null;
  }
  return request.postPath ?? undefined;
}

/** The request's host name (the URL parser has lower-cased it). */
export function hostnameOf(request: RecognitionRequest): string {
  return (request.hostname ??= request.url.hostname);
}
