import type { Context } from '@opentelemetry/api';

/** What a transport hook drives: an LLM exchange, or a plain HTTP client span. */
export interface TrackedRequest {
  readonly context: Context;
  readonly isEnded: boolean;
  onResponseStart(status: number, headers: Record<string, string>): void;
  onRedirect(): void;
  onBodyChunk(chunk: Uint8Array): void;
  onEnd(): void;
  onError(error: unknown): void;
}
