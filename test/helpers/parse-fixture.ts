import { ProviderRegistry } from '../../src/providers/registry.js';
import type { ApiMatch, HttpRequestInfo, RequestFacts, ResponseFacts } from '../../src/providers/types.js';
import { fixtureResponseBytes, type Fixture } from './fixtures.js';

export interface ParsedFixture {
  match: ApiMatch;
  request: RequestFacts;
  response: ResponseFacts;
}

export interface ParseOptions {
  /** Push the body in pieces of this many bytes (default: all at once). */
  chunkBytes?: number;
  captureContent?: boolean;
  /** Bytes to push instead of the recorded body (a corrupted or cut variant). */
  body?: Uint8Array;
}

/**
 * Runs one recording through the default registry, as the capture layer would: match on method
 * and URL, parse the request body, push the response bytes, finish. Throws if nothing matches.
 */
export function parseFixture(fixture: Fixture, options: ParseOptions = {}): ParsedFixture {
  const headers = fixture.request.headers;
  const info: HttpRequestInfo = { method: fixture.request.method, url: new URL(fixture.request.url), header: (name) => headers[name] };
  const match = new ProviderRegistry().match(info);
  if (!match) throw new Error(`${fixture.name}: no API recognises ${info.method} ${info.url.href}`);
  const capture = options.captureContent ?? false;
  const request = match.parseRequest(fixture.request.body, capture);
  const accumulator = match.createAccumulator({ status: fixture.response.status, headers: fixture.response.headers }, request, capture);
  const bytes = options.body ?? fixtureResponseBytes(fixture);
  const size = options.chunkBytes ?? Math.max(bytes.length, 1);
  for (let offset = 0; offset < bytes.length; offset += size) accumulator.push(bytes.subarray(offset, offset + size));
  return { match, request, response: accumulator.finish() };
}

/** The facts every fixture's `expected` block speaks to. */
export interface CoreFacts {
  provider: string;
  operation: string;
  model?: string;
  stream: boolean;
  responseModel?: string;
  responseId?: string | number;
  inputTokens?: number;
  outputTokens?: number;
  finishReasons?: string[];
  errorMessage?: string;
}

/** The fixture's `expected` values as CoreFacts (`null` and `[]` mean absent). */
export function expectedCoreFacts(fixture: Fixture): CoreFacts {
  const e = fixture.expected;
  const present = <T>(v: T | null | undefined) => (v === null ? undefined : v);
  return {
    provider: fixture.provider,
    operation: e.operation,
    model: present(e.model_request),
    stream: fixture.stream,
    responseModel: present(e.model_response),
    responseId: present(e.response_id),
    inputTokens: present(e.input_tokens),
    outputTokens: present(e.output_tokens),
    // Raw provider values in the fixture; the conventions type them as strings (Vertex's `1` is `"1"`).
    finishReasons: e.finish_reasons && e.finish_reasons.length > 0 ? e.finish_reasons.map((r) => String(r)) : undefined,
    errorMessage: present(e.error_message as string | null | undefined),
  };
}

/** The same fields read from a parse, for `toEqual(expectedCoreFacts(fixture))`. */
export function actualCoreFacts({ request, response }: ParsedFixture): CoreFacts {
  return {
    provider: request.provider,
    operation: request.operation,
    model: request.model,
    stream: request.stream,
    responseModel: response.responseModel,
    responseId: response.responseId,
    inputTokens: response.usage?.inputTokens,
    outputTokens: response.usage?.outputTokens,
    finishReasons: response.finishReasons,
    errorMessage: response.errorMessage,
  };
}
