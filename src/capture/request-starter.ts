import type { Context } from '@opentelemetry/api';
import type { ApiMatch, HttpRequestInfo } from '../providers/types.js';
import type { CaptureRuntime } from './internal-types.js';
import { LlmExchange } from './llm-exchange.js';
import { readRequestBody } from './request-body.js';
import { RequestMatchCache, type RequestMatch } from './request-match-cache.js';
import type { TrackedRequest } from './tracked-request.js';

export interface BeginOptions {
  /** false for a client told not to follow redirects (fetch's `redirect: 'manual' | 'error'`). */
  readonly followRedirects?: boolean;
  /** true for a client that decodes content-encoding for the app (fetch). */
  readonly clientDecodesBody?: boolean;
}

/**
 * Where every transport starts what it tracks. A transport recognises a request (`lookup` for
 * URL text, remembered; `match` for a URL it already parsed), possibly before the body exists
 * (node:http decides at `created` whether to wait for the first write), and then `begin`s it.
 */
export class RequestStarter {
  private readonly matches: RequestMatchCache;

  constructor(private readonly runtime: CaptureRuntime) {
    this.matches = new RequestMatchCache(runtime.registry);
  }

  /** Throws what `new URL` throws for text that is not a URL. */
  lookup(method: string, urlText: string): RequestMatch {
    return this.matches.lookup(method, urlText);
  }

  match(info: HttpRequestInfo): ApiMatch | undefined {
    return this.runtime.registry.match(info);
  }

  /**
   * The LLM exchange of a recognised request (its span starts now, under `parent`, with the facts
   * of `body`: a string, bytes or nothing), or undefined. Non-LLM requests are left to the contrib
   * HTTP instrumentations (non-llm-instrumentations.ts) when the user traces them.
   */
  begin(
    info: HttpRequestInfo,
    match: ApiMatch | undefined,
    body: unknown,
    parent: Context,
    options: BeginOptions = {},
  ): TrackedRequest | undefined {
    const { tracer, settings, listeners } = this.runtime;
    if (!match) return undefined;
    return LlmExchange.start(tracer(), match, info, readRequestBody(body), settings, listeners, parent, {
      followRedirects: options.followRedirects,
      clientDecodesBody: options.clientDecodesBody,
    });
  }
}
