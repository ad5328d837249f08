import { LRUCache } from 'lru-cache';

import type { SemanticCacheConfig } from '../config/router-config.js';
import { cosineSimilarity } from '../signals/embedding-client.js';
import type { RequestKeys } from './request-key.js';

/** A cached answer: the chat.completion object (streamed answers are stored reassembled). */
export interface CachedCompletion {
  readonly completion: Readonly<Record<string, unknown>>;
  readonly contextKey: string;
  /** Embedding of the query, when an embeddings endpoint is configured. */
  readonly vector?: readonly number[];
}

export interface CacheHit {
  readonly entry: CachedCompletion;
  /** 1 for an exact hit; the similarity for a hit by embedding. */
  readonly similarity: number;
}

/** One answer larger than this is not cached (it would evict many small ones). */
const MAX_ENTRY_FRACTION = 0.1;

/**
 * The in-memory response cache (`semantic_cache`, `backend_type: memory`): exact match on the
 * normalised request first, then the most similar entry of the same context by embedding. Bounded
 * in entries, bytes and age by lru-cache; `fifo` reads with `peek` (reads do not refresh an entry),
 * `lru` with `get`.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedCompletion>;

  constructor(private readonly config: SemanticCacheConfig) {
    this.entries = new LRUCache<string, CachedCompletion>({
      max: config.maxEntries,
      maxSize: config.maxBytes,
      maxEntrySize: Math.max(1, Math.floor(config.maxBytes * MAX_ENTRY_FRACTION)),
      sizeCalculation: (entry) => JSON.stringify(entry.completion).length + (entry.vector?.length ?? 0) * 8 + 128,
      ttl: config.ttlSeconds * 1000,
      // Expired entries are dropped when touched; no timer keeps the process alive.
      ttlAutopurge: false,
    });
  }

  get size(): number {
    return this.entries.size;
  }

  lookupExact(keys: RequestKeys): CacheHit | undefined {
    const entry = this.config.evictionPolicy === 'lru' ? this.entries.get(keys.exact) : this.entries.peek(keys.exact);
    return entry ? { entry, similarity: 1 } : undefined;
  }

  /** The most similar entry of the same context at or above `threshold`. Linear: max_entries bounds it. */
  lookupSimilar(keys: RequestKeys, vector: readonly number[], threshold: number): CacheHit | undefined {
    let best: { key: string; entry: CachedCompletion; similarity: number } | undefined;
    for (const [key, entry] of this.entries.entries()) {
      if (entry.contextKey !== keys.context || !entry.vector) continue;
      const similarity = cosineSimilarity(vector, entry.vector);
      if (similarity >= threshold && (!best || similarity > best.similarity)) best = { key, entry, similarity };
    }
    if (!best) return undefined;
    // Through peek/get so that an expired entry is not served and lru refreshes the one used.
    const live = this.config.evictionPolicy === 'lru' ? this.entries.get(best.key) : this.entries.peek(best.key);
    return live ? { entry: live, similarity: best.similarity } : undefined;
  }

  store(keys: RequestKeys, completion: Record<string, unknown>, vector: readonly number[] | undefined): void {
    this.entries.set(keys.exact, { completion, contextKey: keys.context, ...(vector && { vector }) });
  }
}
