import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';

import { classifyRequest } from '../../../src/router/classify-request.js';
import type { RouterConfig } from '../../../src/router/config/router-config.js';
import { EmbeddingSignal } from '../../../src/router/signals/embedding-signal.js';
import { SPAN_SIGNAL_EMBEDDING } from '../../../src/router/tracing/router-attributes.js';
import { useInMemorySdk } from '../../helpers/in-memory-sdk.js';

const sdk = useInMemorySdk();

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwx0123456789';
/** What fetch throws for an embeddings backend configured with userinfo and a key in its query. */
const FETCH_ERROR = `Request cannot be constructed from a URL that includes credentials: https://router:hunter2@embed.internal/v1/embeddings?api-key=${KEY}`;

const config = { keywordRules: [], decisions: [], strategy: 'priority', defaultModel: 'fallback-model' } as unknown as RouterConfig;
const rules = [{ name: 'billing', candidates: ['invoice'], threshold: 0.5, aggregationMethod: 'max' }] as const;

describe('a failed signal stage', () => {
  it('marks its span ERROR with the error text redacted, and routing falls back to the default model', async () => {
    const route = await classifyRequest({
      tracer: trace.getTracer('test'),
      context: ROOT_CONTEXT,
      config,
      embeddingSignal: new EmbeddingSignal(rules, () => Promise.reject(new Error('never asked'))),
      originalModel: 'auto',
      query: 'where is my invoice',
      queryVector: () => Promise.reject(new TypeError(FETCH_ERROR)),
    });

    expect(route).toEqual({ model: 'fallback-model', reason: 'default_model' });
    const stage = sdk.spans().find((span) => span.name === SPAN_SIGNAL_EMBEDDING);
    expect(stage?.status.code).toBe(2);
    const texts = JSON.stringify([stage?.status, stage?.events, stage?.attributes]);
    expect(texts).toContain('embed.internal');
    expect(texts).not.toContain('hunter2');
    expect(texts).not.toContain(KEY);
    expect(stage?.attributes['error.type']).toBe('TypeError');
  });
});
