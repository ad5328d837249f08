import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { metrics, trace } from '@opentelemetry/api';

import { startTracing, type TracingHandle } from '../sdk/start-tracing.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import type { RouterConfig } from './config/router-config.js';
import { ResponseCache } from './plugins/response-cache.js';
import { RouterService } from './router-service.js';
import { createEmbeddingClient } from './signals/embedding-client.js';
import { EmbeddingSignal } from './signals/embedding-signal.js';
import { annotateUpstreamSpans } from './tracing/annotate-upstream-spans.js';
import { RouterMetrics } from './tracing/router-metrics.js';
import { EndpointPool } from './upstream/endpoint-pool.js';

export interface StartRouterOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningRouter {
  /** `http://host:port`, with a host a client can connect to. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish (within `router.shutdown_grace_ms`), then flushes spans. */
  close(): Promise<void>;
}

const DEFAULT_ROUTER_HOST = '127.0.0.1';
const DEFAULT_ROUTER_PORT = 8801;

/**
 * Starts tracing from the file's `observability.tracing` block (the same start as `--import
 * llm-otel/register`, so the upstream calls are traced by our HTTP capture with full GenAI
 * attributes), then the HTTP server. Node's own server parses HTTP; upstream calls go through the
 * global fetch, whose undici agent pools connections per origin.
 */
export async function startRouter(config: RouterConfig, options: StartRouterOptions = {}): Promise<RunningRouter> {
  const env = options.env ?? process.env;
  const tracing: TracingHandle = startTracing(config.tracing);
  if (tracing.instrumentation) annotateUpstreamSpans(tracing.instrumentation, config);
  const meter = (config.routerMetrics ? tracing.meterProvider : undefined)?.getMeter(PACKAGE_NAME, PACKAGE_VERSION) ?? metrics.getMeter('noop');
  const embed = config.embeddingEndpoint ? createEmbeddingClient(config.embeddingEndpoint, env) : undefined;
  const service = new RouterService({
    config,
    tracer: trace.getTracer(`${PACKAGE_NAME}/router`, PACKAGE_VERSION),
    metrics: new RouterMetrics(meter),
    pool: new EndpointPool(config.endpoints, config.limits.endpointCooldownMs),
    ...(config.semanticCache.enabled && { cache: new ResponseCache(config.semanticCache) }),
    ...(embed && { embed, embeddingSignal: new EmbeddingSignal(config.embeddingRules, embed) }),
    tracingEnabled: tracing.enabled,
    env,
  });
  let draining = false;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?', 1)[0] === '/ready') {
      res.writeHead(draining ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: draining ? 'draining' : 'ready' }));
      return;
    }
    service.handle(req, res);
  });
  // Idle keep-alive connections of clients (SDKs pool them) must not hold shutdown up.
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? DEFAULT_ROUTER_HOST;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_ROUTER_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await tracing.shutdown().catch(() => undefined);
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${connectableHost(host)}:${port}`,
    port,
    async close() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, config.limits.shutdownGraceMs)));
      await Promise.race([closed, grace]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
      await tracing.shutdown().catch(() => undefined);
    },
  };
}

/** A wildcard address is where the router listens, not where a client connects. */
function connectableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
