import { context, type Context } from '@opentelemetry/api';

import type { EndpointConfig } from '../config/router-config.js';
import type { EndpointPool } from './endpoint-pool.js';

export interface UpstreamRequest {
  /** The router's request context: each attempt's CLIENT span (made by our capture) is its child. */
  readonly context: Context;
  readonly endpoints: readonly string[];
  /** e.g. `/v1/chat/completions`. */
  readonly path: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Aborted when the client goes away: the attempt in flight is cancelled, none follows. */
  readonly clientSignal: AbortSignal;
  readonly env: NodeJS.ProcessEnv;
  /** Told of every attempt that failed, for the router's metrics. */
  readonly onFailedAttempt?: (endpoint: EndpointConfig, seconds: number, errorType: string) => void;
}

export interface UpstreamResponse {
  readonly ok: true;
  readonly response: Response;
  readonly endpoint: EndpointConfig;
  readonly startedAt: number;
}

export interface UpstreamFailure {
  readonly ok: false;
  /** 503 nothing to try (all cooling down), 504 the last attempt timed out, 502 otherwise. */
  readonly status: 502 | 503 | 504;
  readonly message: string;
  readonly clientGone: boolean;
}

/** The backend is overloaded or broken; another endpoint may answer. Other 4xx are the client's. */
function shouldTryNext(status: number): boolean {
  return status >= 500 || status === 429;
}

/**
 * Sends the request to the model's endpoints in the pool's order until one answers with a status
 * the client should see. Refused, timed-out, 5xx and 429 attempts cool the endpoint down and move
 * on; each is a CLIENT span of its own (status ERROR, with `server.port`), because each is its own
 * fetch. The attempt's timeout covers the response body too, so no request outlives it.
 */
export async function sendUpstream(request: UpstreamRequest, pool: EndpointPool): Promise<UpstreamResponse | UpstreamFailure> {
  const order = pool.attemptOrder(request.endpoints);
  if (order.length === 0) {
    return { ok: false, status: 503, message: 'No endpoint of this model is available (all are cooling down after failures).', clientGone: false };
  }
  let last: { status: 502 | 504; message: string } = { status: 502, message: '' };
  for (const endpoint of order) {
    if (request.clientSignal.aborted) break;
    const startedAt = performance.now();
    const signal = AbortSignal.any([request.clientSignal, AbortSignal.timeout(endpoint.timeoutMs)]);
    const apiKey = endpoint.apiKeyEnv ? request.env[endpoint.apiKeyEnv] : undefined;
    try {
      const response = await context.with(request.context, () =>
        fetch(`${endpoint.origin}${request.path}`, {
          method: 'POST',
          headers: { ...request.headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
          body: request.body,
          signal,
        }),
      );
      if (!shouldTryNext(response.status)) return { ok: true, response, endpoint, startedAt };
      // Read to the end so the attempt's span carries the status and the backend's error type.
      await response.arrayBuffer().catch(() => undefined);
      pool.coolDown(endpoint);
      last = { status: 502, message: `Endpoint ${endpoint.name} answered HTTP ${response.status}.` };
      request.onFailedAttempt?.(endpoint, (performance.now() - startedAt) / 1000, String(response.status));
    } catch (error) {
      if (request.clientSignal.aborted) break;
      pool.coolDown(endpoint);
      const timedOut = (error as Error)?.name === 'TimeoutError';
      last = timedOut
        ? { status: 504, message: `Endpoint ${endpoint.name} did not answer within ${endpoint.timeoutMs} ms.` }
        : { status: 502, message: `Endpoint ${endpoint.name} could not be reached (${errorCode(error)}).` };
      request.onFailedAttempt?.(endpoint, (performance.now() - startedAt) / 1000, timedOut ? 'timeout' : errorCode(error));
    }
  }
  if (request.clientSignal.aborted) return { ok: false, status: 502, message: 'The client went away.', clientGone: true };
  return { ok: false, status: last.status, message: `No endpoint answered. Last: ${last.message}`, clientGone: false };
}

function errorCode(error: unknown): string {
  const err = error as { cause?: { code?: unknown }; code?: unknown; name?: unknown } | undefined;
  const code = err?.cause?.code ?? err?.code;
  return typeof code === 'string' ? code : typeof err?.name === 'string' ? err.name : 'error';
}
