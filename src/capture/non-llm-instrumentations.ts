import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { ClientRequest, RequestOptions } from 'node:http';
import { context, type Span, type TracerProvider } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { ATTR_URL_FULL, ATTR_URL_PATH, ATTR_URL_QUERY } from '@opentelemetry/semantic-conventions';
import { reportOnce } from '../diagnostics/report-once.js';
import { redactedUrlFull } from '../spans/redact-span-text.js';
import { EXCHANGE_CONTEXT_KEY } from './exchange-context-key.js';
import { undiciHeaderReader } from './request-header-readers.js';
import type { RequestStarter } from './request-starter.js';
import type { TrackedRequest } from './tracked-request.js';

/** The old-conventions name instrumentation-http still writes the full URL under by default. */
const ATTR_HTTP_URL = 'http.url';

interface UndiciRequestLike {
  origin?: string | URL;
  path: string;
  method: string;
  headers?: unknown;
}

/** What `trace_non_llm_requests` starts: the contrib HTTP client instrumentations, once loaded. */
export interface NonLlmInstrumentations {
  /** Settles when both are loaded and enabled (never rejects: a failure is reported once). */
  readonly ready: Promise<void>;
  disable(): void;
}

/**
 * Non-LLM requests are traced by @opentelemetry/instrumentation-undici (fetch, undici) and
 * @opentelemetry/instrumentation-http (node:http(s) clients), loaded only when the user asks for
 * them (they cost start-up time). Each is told to ignore what our capture owns, so an LLM call
 * still has exactly one span and one `traceparent`; incoming requests are ignored (we trace
 * clients). `url.full` (and http's old `http.url`) is rewritten without the query string, where
 * credentials (`?key=`) travel.
 */
export function startNonLlmInstrumentations(starter: RequestStarter, tracerProvider: TracerProvider | undefined): NonLlmInstrumentations {
  const loaded: Instrumentation[] = [];
  let disabled = false;
  const ready = loadAndEnable(starter, tracerProvider).then(
    (instrumentations) => {
      if (disabled) instrumentations.forEach((i) => i.disable());
      else loaded.push(...instrumentations);
    },
    (error: unknown) => reportOnce('loading the non-LLM HTTP instrumentations', error),
  );
  return {
    ready,
    disable() {
      disabled = true;
      loaded.splice(0).forEach((i) => i.disable());
    },
  };
}

async function loadAndEnable(starter: RequestStarter, tracerProvider: TracerProvider | undefined): Promise<Instrumentation[]> {
  const [{ UndiciInstrumentation }, { HttpInstrumentation }] = await Promise.all([
    import('@opentelemetry/instrumentation-undici'),
    import('@opentelemetry/instrumentation-http'),
  ]);
  const undici = new UndiciInstrumentation({
    ignoreRequestHook: (request) => ownedUndiciRequest(starter, request as UndiciRequestLike),
    requestHook: (span, request) => redactUrl(span, undiciUrl(request as UndiciRequestLike)),
  });
  const http = new HttpInstrumentation({
    ignoreIncomingRequestHook: () => true,
    ignoreOutgoingRequestHook: (options) => ownedHttpRequest(starter, options),
    requestHook: (span, request) => {
      if ('getHeader' in request) redactUrl(span, clientRequestUrl(request));
    },
  });
  // Both enable themselves when built (undici's hooks read `enabled` from their config).
  if (tracerProvider) for (const instrumentation of [undici, http]) instrumentation.setTracerProvider(tracerProvider);
  patchLoadedHttpModules();
  return [undici, http];
}

/**
 * instrumentation-http patches `http`/`https` when they are required (require-in-the-middle).
 * Requiring them here patches the module objects every app shares (CommonJS `require` and ESM
 * `import http from 'node:http'` get the same object), and syncBuiltinESMExports() carries the
 * patched functions to ESM named imports (`import { request } from 'node:http'`).
 */
function patchLoadedHttpModules(): void {
  const require = createRequire(import.meta.url);
  require('node:http');
  require('node:https');
  syncBuiltinESMExports();
}

/** Inside our fetch wrapper (its exchange is on the context) or a request our registry recognises. */
function ownedUndiciRequest(starter: RequestStarter, request: UndiciRequestLike): boolean {
  const exchange = context.active().getValue(EXCHANGE_CONTEXT_KEY) as TrackedRequest | undefined;
  if (exchange && !exchange.isEnded) return true;
  const url = undiciUrl(request);
  if (!url) return false;
  return starter.match({ method: request.method.toUpperCase(), url, header: undiciHeaderReader(request.headers) }) !== undefined;
}

function ownedHttpRequest(starter: RequestStarter, options: RequestOptions): boolean {
  const protocol = options.protocol ?? 'http:';
  const host = options.hostname ?? options.host ?? 'localhost';
  const port = options.port ? `:${String(options.port)}` : '';
  const url = URL.parse(options.path ?? '/', `${protocol}//${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}${port}`);
  if (!url) return false;
  const headers = options.headers;
  const header = (name: string): string | undefined => {
    if (!headers || Array.isArray(headers)) return undefined;
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    const value = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
    return value === undefined ? undefined : String(value);
  };
  return starter.match({ method: (options.method ?? 'GET').toUpperCase(), url, header }) !== undefined;
}

function undiciUrl(request: UndiciRequestLike): URL | undefined {
  if (!request.origin) return undefined;
  return URL.parse(request.path, String(request.origin)) ?? undefined;
}

function clientRequestUrl(request: ClientRequest): URL | undefined {
  const host = request.getHeader('host') ?? request.host;
  if (typeof host !== 'string' || !host) return undefined;
  return URL.parse(request.path, `${request.protocol}//${host}`) ?? undefined;
}

function redactUrl(span: Span, url: URL | undefined): void {
  if (!url) return;
  const redacted = redactedUrlFull(url);
  span.setAttribute(ATTR_URL_FULL, redacted);
  span.setAttribute(ATTR_HTTP_URL, redacted);
  // undici also writes the path and the query on their own: key-shaped segments redacted, the
  // query emptied (even a credential parameter's name is not exported).
  span.setAttribute(ATTR_URL_PATH, new URL(redacted).pathname);
  if (url.search) span.setAttribute(ATTR_URL_QUERY, '');
}
