import type { EmbeddingEndpointConfig } from '../config/router-config.js';

export type Embed = (texts: readonly string[]) => Promise<number[][]>;

/**
 * Embeddings through an OpenAI-compatible `/embeddings` API (OpenAI, vLLM, Ollama's /v1, a local
 * server): the router runs no model weights. The call goes through the global fetch, so our HTTP
 * capture traces it as an `embeddings <model>` span under the stage that asked.
 */
export function createEmbeddingClient(config: EmbeddingEndpointConfig, env: NodeJS.ProcessEnv): Embed {
  const url = `${config.baseUrl}/embeddings`;
  const apiKey = config.apiKeyEnv ? env[config.apiKeyEnv] : undefined;
  return async (texts) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: config.model,
        input: texts,
        ...(config.dimensions !== undefined && { dimensions: config.dimensions }),
      }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`embeddings endpoint answered HTTP ${response.status}`);
    }
    const payload = (await response.json()) as { data?: Array<{ index?: number; embedding?: unknown }> };
    const vectors: number[][] = [];
    for (const [position, item] of (payload.data ?? []).entries()) {
      if (!Array.isArray(item.embedding)) throw new Error('embeddings endpoint returned no float vectors');
      vectors[item.index ?? position] = item.embedding as number[];
    }
    if (vectors.length !== texts.length || vectors.some((v) => v === undefined)) {
      throw new Error(`embeddings endpoint returned ${vectors.length} vectors for ${texts.length} inputs`);
    }
    return vectors;
  };
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
