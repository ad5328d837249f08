import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import {
  ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Context, type Span, type Tracer,
} from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT, ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';

import { recordErrorOnSpan } from '../spans/record-error.js';
import { classifyRequest, type Route } from './classify-request.js';
import type { Decision, RouterConfig, SemanticCachePlugin, SystemPromptPlugin } from './config/router-config.js';
import { isInvalid, parseChatRequest, parseJsonBody, queryText, type ChatRequest } from './http/chat-request.js';
import { sendJson, sendOpenAiError, type OpenAiError } from './http/openai-error.js';
import { readBody } from './http/read-body.js';
import { relayResponse } from './http/relay-response.js';
import { CompletionCollector } from './plugins/completion-collector.js';
import { completionToSse } from './plugins/completion-to-sse.js';
import { requestKeys, type RequestKeys } from './plugins/request-key.js';
import type { CacheHit, ResponseCache } from './plugins/response-cache.js';
import { withSystemPrompt } from './plugins/system-prompt.js';
import { applyReasoning } from './reasoning.js';
import type { Embed } from './signals/embedding-client.js';
import type { EmbeddingSignal } from './signals/embedding-signal.js';
import {
  ATTR_CACHE_HIT, ATTR_CACHE_KEY, ATTR_CACHE_SIMILARITY, ATTR_CACHE_THRESHOLD, ATTR_PLUGIN_RESULT, ATTR_PLUGIN_STATUS,
  ATTR_PLUGIN_TYPE, ATTR_REQUEST_ID, ATTR_ROUTING_ORIGINAL_MODEL, ATTR_ROUTING_REASON, ATTR_ROUTING_SELECTED_MODEL,
  PLUGIN_TYPE_RESPONSE_CACHE, PLUGIN_TYPE_SYSTEM_PROMPT, SPAN_PLUGIN_EXECUTION, SPAN_REQUEST_RECEIVED,
} from './tracing/router-attributes.js';
import type { RouterMetrics } from './tracing/router-metrics.js';
import { startStage } from './tracing/stage-span.js';
import type { EndpointPool } from './upstream/endpoint-pool.js';
import { sendUpstream } from './upstream/send-upstream.js';

export interface RouterServiceParts {
  readonly config: RouterConfig;
  readonly tracer: Tracer;
  readonly metrics: RouterMetrics;
  readonly pool: EndpointPool;
  readonly cache?: ResponseCache;
  readonly embed?: Embed;
  readonly embeddingSignal?: EmbeddingSignal;
  /** Whether our tracing runs; when it does not, the caller's `traceparent` is forwarded as it came. */
  readonly tracingEnabled: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/** What one request carries through its stages. */
interface RequestScope {
  readonly id: string;
  readonly span: Span;
  /** The request span's context: every stage and upstream attempt is started from it. */
  readonly context: Context;
  readonly clientGone: AbortController;
  readonly headers: Record<string, string>;
  selectedModel?: string;
  decision?: string;
  cacheHit: boolean;
}

const X_REQUEST_ID = 'x-request-id';
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;
/** A cached answer larger than this is not collected (it would be evicted at once anyway). */
const MAX_COLLECTED_BYTES = 1024 * 1024;
const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

/**
 * The router's endpoints. One SERVER span per request, `semantic_router.request.received`, started
 * from the caller's `traceparent` (no generic HTTP span in between) and ended when the response's
 * last byte is written or the client goes away; the stages and upstream attempts are its children.
 */
export class RouterService {
  constructor(private readonly parts: RouterServiceParts) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (req.method === 'GET' && path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/v1/models') return this.listModels(res);
    const post = req.method === 'POST';
    if (post && path === '/v1/chat/completions') return void this.traced(req, res, path, (scope) => this.chat(req, res, scope));
    if (post && path === '/v1/embeddings') return void this.traced(req, res, path, (scope) => this.embeddings(req, res, scope));
    sendOpenAiError(res, { status: 404, type: 'invalid_request_error', code: 'not_found', message: `No route for ${req.method} ${path}.` });
  };

  private listModels(res: ServerResponse): void {
    const { config } = this.parts;
    const ids = [...config.models.keys(), ...config.autoModelNames];
    sendJson(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'llm-otel-router' })) });
  }

  private async traced(req: IncomingMessage, res: ServerResponse, path: string, run: (scope: RequestScope) => Promise<void>): Promise<void> {
    const incoming = req.headers[X_REQUEST_ID];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const [host, port] = hostAndPort(req);
    const span = this.parts.tracer.startSpan(
      SPAN_REQUEST_RECEIVED,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: req.method ?? 'POST',
          [ATTR_URL_PATH]: path,
          [ATTR_REQUEST_ID]: id,
          ...(host && { [ATTR_SERVER_ADDRESS]: host }),
          ...(port && { [ATTR_SERVER_PORT]: port }),
        },
      },
      parent,
    );
    const scope: RequestScope = {
      id, span, context: trace.setSpan(parent, span), clientGone: new AbortController(), headers: { [X_REQUEST_ID]: id }, cacheHit: false,
    };
    if (!this.parts.tracingEnabled) {
      // Without our tracing nobody injects a traceparent; pass the caller's on, so the trace stays whole.
      for (const name of TRACE_HEADERS) if (typeof req.headers[name] === 'string') scope.headers[name] = req.headers[name];
    }
    res.once('close', () => {
      if (!res.writableFinished) {
        scope.clientGone.abort();
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'the client closed the connection before the response ended' });
      }
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.statusCode}` });
      span.end();
      this.parts.metrics.request(res.statusCode, scope.selectedModel, scope.decision, scope.cacheHit);
    });
    try {
      await run(scope);
    } catch (error) {
      recordErrorOnSpan(span, error);
      sendOpenAiError(res, { status: 500, type: 'server_error', message: 'The router failed to handle the request.' }, scope.headers);
    }
  }

  private async readJson(req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<Record<string, unknown> | undefined> {
    const body = await readBody(req, this.parts.config.limits.maxBodyBytes);
    if (!body.ok) {
      if (body.reason === 'too_large') {
        this.fail(res, scope, {
          status: 413, type: 'invalid_request_error', code: 'request_too_large',
          message: `The request body is larger than ${this.parts.config.limits.maxBodyBytes} bytes.`,
        });
      }
      return undefined;
    }
    const json = parseJsonBody(body.bytes);
    if (isInvalid(json)) {
      this.fail(res, scope, { status: 400, type: 'invalid_request_error', param: json.param, message: json.message });
      return undefined;
    }
    return json;
  }

  private async chat(req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<void> {
    const json = await this.readJson(req, res, scope);
    if (!json) return;
    const request = parseChatRequest(json);
    if (isInvalid(request)) {
      this.fail(res, scope, { status: 400, type: 'invalid_request_error', param: request.param, message: request.message });
      return;
    }
    scope.span.setAttribute(ATTR_ROUTING_ORIGINAL_MODEL, request.model);
    const queryVector = this.memoisedQueryVector(request);
    const route = await this.route(request, scope, queryVector);
    if (!route) return this.unknownModel(res, scope, request.model);
    this.selected(scope, route);
    const messages = this.applySystemPrompts(request, route.decision, scope);
    const ref = route.decision?.modelRefs[0];
    const family = this.parts.config.models.get(route.model)?.reasoningFamily;
    const body = applyReasoning(
      { ...request.body, model: route.model, messages },
      ref,
      family === undefined ? undefined : this.parts.config.reasoningFamilies.get(family),
      this.parts.config.defaultReasoningEffort,
    );
    const cache = await this.lookupCache({ ...request, body, messages }, route, scope, queryVector);
    if (cache?.hit) return this.answerFromCache(res, scope, request, cache.hit);

    const upstream = await sendUpstream(
      {
        context: scope.context,
        endpoints: this.parts.config.models.get(route.model)!.preferredEndpoints,
        path: '/v1/chat/completions',
        body: JSON.stringify(body),
        headers: this.upstreamHeaders(req, scope),
        clientSignal: scope.clientGone.signal,
        env: this.parts.env,
        onFailedAttempt: (endpoint, seconds, errorType) => this.parts.metrics.upstream(endpoint.name, route.model, seconds, errorType),
      },
      this.parts.pool,
    );
    if (!upstream.ok) {
      if (!upstream.clientGone) this.fail(res, scope, { status: upstream.status, type: 'upstream_error', code: 'upstream_unavailable', message: upstream.message });
      return;
    }
    const collector = cache && upstream.response.status === 200 ? new CompletionCollector(request.stream, MAX_COLLECTED_BYTES) : undefined;
    const outcome = await relayResponse(upstream.response, res, { ...scope.headers, 'x-vsr-cache-hit': 'false' }, scope.clientGone, collector);
    this.parts.metrics.upstream(upstream.endpoint.name, route.model, (performance.now() - upstream.startedAt) / 1000, outcome === 'complete' ? undefined : outcome);
    const completion = outcome === 'complete' ? collector?.finish() : undefined;
    if (cache && completion) cache.store(completion);
  }

  private async embeddings(req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<void> {
    const json = await this.readJson(req, res, scope);
    if (!json) return;
    const requested = typeof json.model === 'string' ? json.model : '';
    scope.span.setAttribute(ATTR_ROUTING_ORIGINAL_MODEL, requested);
    const { config } = this.parts;
    const model = config.autoModelNames.has(requested) ? config.defaultModel : requested;
    if (!config.models.has(model)) return this.unknownModel(res, scope, requested);
    this.selected(scope, { model, reason: model === requested ? 'requested_model' : 'default_model' });
    const upstream = await sendUpstream(
      {
        context: scope.context,
        endpoints: config.models.get(model)!.preferredEndpoints,
        path: '/v1/embeddings',
        body: JSON.stringify({ ...json, model }),
        headers: this.upstreamHeaders(req, scope),
        clientSignal: scope.clientGone.signal,
        env: this.parts.env,
        onFailedAttempt: (endpoint, seconds, errorType) => this.parts.metrics.upstream(endpoint.name, model, seconds, errorType),
      },
      this.parts.pool,
    );
    if (!upstream.ok) {
      if (!upstream.clientGone) this.fail(res, scope, { status: upstream.status, type: 'upstream_error', code: 'upstream_unavailable', message: upstream.message });
      return;
    }
    const outcome = await relayResponse(upstream.response, res, { ...scope.headers, 'x-vsr-cache-hit': 'false' }, scope.clientGone);
    this.parts.metrics.upstream(upstream.endpoint.name, model, (performance.now() - upstream.startedAt) / 1000, outcome === 'complete' ? undefined : outcome);
  }

  private async route(request: ChatRequest, scope: RequestScope, queryVector: () => Promise<readonly number[]>): Promise<Route | undefined> {
    const { config } = this.parts;
    if (config.models.has(request.model)) return { model: request.model, reason: 'requested_model' };
    if (!config.autoModelNames.has(request.model)) return undefined;
    const route = await classifyRequest({
      tracer: this.parts.tracer,
      context: scope.context,
      config,
      embeddingSignal: this.parts.embeddingSignal,
      originalModel: request.model,
      query: queryText(request),
      queryVector,
    });
    this.parts.metrics.decision(route.decision?.name, route.model);
    return route;
  }

  private selected(scope: RequestScope, route: Route): void {
    scope.selectedModel = route.model;
    scope.decision = route.decision?.name;
    scope.headers['x-vsr-selected-model'] = route.model;
    if (route.decision) scope.headers['x-vsr-selected-decision'] = route.decision.name;
    scope.span.setAttributes({ [ATTR_ROUTING_SELECTED_MODEL]: route.model, [ATTR_ROUTING_REASON]: route.reason });
  }

  private applySystemPrompts(request: ChatRequest, decision: Decision | undefined, scope: RequestScope): ChatRequest['messages'] {
    let messages = request.messages;
    for (const plugin of decision?.plugins ?? []) {
      if (plugin.type !== 'system_prompt') continue;
      const stage = startStage(this.parts.tracer, scope.context, SPAN_PLUGIN_EXECUTION, { [ATTR_PLUGIN_TYPE]: PLUGIN_TYPE_SYSTEM_PROMPT });
      if ((plugin as SystemPromptPlugin).enabled) messages = withSystemPrompt(messages, plugin as SystemPromptPlugin);
      stage.span.setAttribute(ATTR_PLUGIN_STATUS, (plugin as SystemPromptPlugin).enabled ? 'success' : 'skipped');
      stage.span.end();
    }
    return messages;
  }

  /** The cache stage: exact match first, then by similarity. Undefined when the cache is off for this request. */
  private async lookupCache(
    request: ChatRequest,
    route: Route,
    scope: RequestScope,
    queryVector: () => Promise<readonly number[]>,
  ): Promise<{ hit?: CacheHit; store(completion: Record<string, unknown>): void } | undefined> {
    const cache = this.parts.cache;
    const settings = this.cacheSettings(route.decision);
    if (!cache || !settings.enabled) return undefined;
    const keys: RequestKeys = requestKeys(request, route.model);
    const stage = startStage(this.parts.tracer, scope.context, SPAN_PLUGIN_EXECUTION, {
      [ATTR_PLUGIN_TYPE]: PLUGIN_TYPE_RESPONSE_CACHE,
      [ATTR_CACHE_KEY]: keys.exact,
      [ATTR_CACHE_THRESHOLD]: settings.threshold,
    });
    let hit = cache.lookupExact(keys);
    let vector: readonly number[] | undefined;
    let status = 'success';
    if (!hit && this.parts.embed && keys.query !== '') {
      try {
        vector = await context.with(stage.context, queryVector);
        hit = cache.lookupSimilar(keys, vector, settings.threshold);
      } catch {
        status = 'error';
      }
    }
    stage.span.setAttributes({
      [ATTR_PLUGIN_STATUS]: status,
      [ATTR_PLUGIN_RESULT]: hit ? 'cache_hit' : 'cache_miss',
      [ATTR_CACHE_HIT]: hit !== undefined,
      ...(hit && { [ATTR_CACHE_SIMILARITY]: hit.similarity }),
    });
    stage.span.end();
    return { hit, store: (completion) => cache.store(keys, completion, vector) };
  }

  private cacheSettings(decision: Decision | undefined): { enabled: boolean; threshold: number } {
    const global = this.parts.config.semanticCache;
    const plugin = decision?.plugins.find((p): p is SemanticCachePlugin => p.type === 'semantic-cache');
    return {
      enabled: global.enabled && (plugin?.enabled ?? true),
      threshold: plugin?.similarityThreshold ?? global.similarityThreshold,
    };
  }

  private answerFromCache(res: ServerResponse, scope: RequestScope, request: ChatRequest, hit: CacheHit): void {
    scope.cacheHit = true;
    const headers = { ...scope.headers, 'x-vsr-cache-hit': 'true' };
    if (!request.stream) return sendJson(res, 200, hit.entry.completion, headers);
    const body = completionToSse(hit.entry.completion, request.includeUsage);
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  /** The query's embedding, fetched once per request by whichever stage needs it first. */
  private memoisedQueryVector(request: ChatRequest): () => Promise<readonly number[]> {
    let vector: Promise<readonly number[]> | undefined;
    return () => (vector ??= this.parts.embed!([queryText(request)]).then((vectors) => vectors[0]!));
  }

  private upstreamHeaders(req: IncomingMessage, scope: RequestScope): Record<string, string> {
    return {
      ...scope.headers,
      'content-type': 'application/json',
      accept: typeof req.headers.accept === 'string' ? req.headers.accept : 'application/json',
      // The relay passes bytes through; compressed ones would need their encoding kept end to end.
      'accept-encoding': 'identity',
    };
  }

  private unknownModel(res: ServerResponse, scope: RequestScope, model: string): void {
    const known = [...this.parts.config.models.keys(), ...this.parts.config.autoModelNames].join(', ');
    this.fail(res, scope, {
      status: 404, type: 'invalid_request_error', param: 'model', code: 'model_not_found',
      message: `The model '${model}' is not served by this router; models: ${known}.`,
    });
  }

  private fail(res: ServerResponse, scope: RequestScope, error: OpenAiError): void {
    sendOpenAiError(res, error, scope.headers);
  }
}

function hostAndPort(req: IncomingMessage): [string | undefined, number | undefined] {
  const host = req.headers.host;
  if (!host) return [undefined, undefined];
  try {
    const url = new URL(`http://${host}`);
    return [url.hostname, url.port ? Number(url.port) : 80];
  } catch {
    return [undefined, undefined];
  }
}
