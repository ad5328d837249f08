import type http from 'node:http';

import type { TraceStore } from '../store/trace-store.js';

/** Batches of trace ids are coalesced for this long before one event goes out. */
const COALESCE_MS = 250;
const KEEPALIVE_MS = 20_000;
const MAX_CLIENTS = 64;

/**
 * Live updates for the UI as server-sent events: `event: traces` with the ids of traces that
 * changed, coalesced, so a busy app costs the browser a few refreshes a second at most.
 */
export class LiveEvents {
  private readonly clients = new Set<http.ServerResponse>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly keepalive: NodeJS.Timeout;
  private readonly onTraces = (ids: string[]) => this.queue(ids);

  constructor(private readonly store: TraceStore) {
    store.on('traces', this.onTraces);
    this.keepalive = setInterval(() => this.broadcast(': keepalive\n\n'), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  attach(request: http.IncomingMessage, response: http.ServerResponse): void {
    if (this.clients.size >= MAX_CLIENTS) {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('too many live clients');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write('retry: 2000\n\n');
    this.clients.add(response);
    request.on('close', () => this.clients.delete(response));
  }

  close(): void {
    this.store.off('traces', this.onTraces);
    clearInterval(this.keepalive);
    clearTimeout(this.timer);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private queue(ids: string[]): void {
    for (const id of ids) this.pending.add(id);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = [...this.pending].slice(0, 500);
      this.pending = new Set();
      this.broadcast(`event: traces\ndata: ${JSON.stringify(batch)}\n\n`);
    }, COALESCE_MS);
    this.timer.unref();
  }

  private broadcast(text: string): void {
    for (const client of this.clients) client.write(text);
  }
}
