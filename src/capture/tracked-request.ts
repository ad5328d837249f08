import type { Context } from '@opentelemetry/api';

/** What a transport hook drives: an LLM exchange, or a plain HTTP client span. */
export interface TrackedRequest {
  readonly context: Context;
  readonly isEnded: boolean;
  /** Whether the client follows a 3xx with a location (then it is not the final response). */
  readonly followRedirects: boolean;
  /** The request body, read after the span had to start (HTTP/2 sends headers first). */
  onLateRequestBody(body: unknown): void;
  onResponseStart(status: number, headers: Record<string, string>): void;
  onRedirect(): void;
  onBodyChunk(chunk: Uint8Array): void;
  onEnd(): void;
  onError(error: unknown): void;
}
