/**
 * What a provider parser tells the rest of the system about one LLM exchange. Parsers are pure:
 * bytes and URLs in, these facts out; they never import OpenTelemetry. spans/ turns facts into
 * attributes.
 */

/** Maps a host the path heuristics do not know to a provider and API family (from the config's `providers:`). */
export interface ProviderMapping {
  /** Host name, optionally with `:port`; `*.example.com` matches sub-domains. */
  readonly host: string;
  /** A `gen_ai.provider.name` value, e.g. `openai`, `anthropic`, or a custom name. */
  readonly provider: string;
  /** Which wire format the host speaks. */
  readonly api: string;
}

/** One request, as known before the response: everything a sampler may want to see. */
export interface RequestFacts {
  /** `gen_ai.provider.name` value. */
  provider: string;
  /** `gen_ai.operation.name` value: chat, text_completion, embeddings, generate_content, ... */
  operation: string;
  model?: string;
  /** The request asked for a streamed response. */
  stream: boolean;
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  stopSequences?: string[];
  frequencyPenalty?: number;
  presencePenalty?: number;
  seed?: number;
  choiceCount?: number;
  encodingFormats?: string[];
  /** `gen_ai.output.type`: text, json, image, speech. */
  outputType?: string;
  /** OpenAI `service_tier` as requested (`auto`, `default`, `flex`, ...). */
  serviceTier?: string;
  /** Content, read only when capture is on (see ContentFacts). */
  content?: RequestContent;
}

/** Prompt-side content in the GenAI conventions' JSON shapes (gen_ai.input.messages etc.). */
export interface RequestContent {
  inputMessages?: unknown[];
  systemInstructions?: unknown[];
  toolDefinitions?: unknown[];
}

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheCreationInputTokens?: number;
  reasoningOutputTokens?: number;
}

/** What the response said. Every field is optional: a truncated body still yields what was read. */
export interface ResponseFacts {
  /** As sent: a string, except AI21 Jurassic-2 on Bedrock, whose id is a JSON number. */
  responseId?: string | number;
  responseModel?: string;
  /** Raw provider values, one per choice/candidate, in index order (integers stay integers). */
  finishReasons?: Array<string | number>;
  usage?: Usage;
  /** Provider error code/type from an error body (e.g. `invalid_request_error`). */
  errorType?: string;
  errorMessage?: string;
  /** OpenAI `service_tier` the response was served with. */
  serviceTier?: string;
  /** OpenAI `system_fingerprint`. */
  systemFingerprint?: string;
  /** Completion-side content in the conventions' shape (gen_ai.output.messages). */
  outputMessages?: unknown[];
}

/** How a parser sees the HTTP request. Header names are lower-case. */
export interface HttpRequestInfo {
  method: string;
  url: URL;
  /** Lower-cased header names; values joined with ', '. Never copied to spans as a whole. */
  headers: Record<string, string>;
}

/** Incremental parser for a streamed (or buffered) response body. */
export interface ResponseAccumulator {
  /** Decoded (content-encoding removed) body bytes, in order. */
  push(chunk: Uint8Array): void;
  /** The body ended (or was cut short); return what could be read. Never throws. */
  finish(): ResponseFacts;
  /**
   * The provider's end-of-response marker has arrived (streams only; see
   * stream/end-of-response-markers.ts). An error or cancel after it does not fail the call.
   */
  isComplete?(): boolean;
}

export interface ResponseInfo {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
}

/**
 * One API family of one provider (OpenAI chat completions, Anthropic messages, ...). The registry
 * asks each in turn whether it recognises a request.
 */
export interface LlmApi {
  /** Stable name, used in config mappings and tests (e.g. `openai`). */
  readonly name: string;
  /**
   * Recognise the request from method, URL and headers alone (no body yet). Return the
   * operation/provider if known, else undefined. Must be cheap: it runs on every HTTP request.
   */
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined;
}

export interface ApiMatch {
  readonly api: LlmApi;
  readonly provider: string;
  readonly operation: string;
  /** Model named by the URL (Gemini, Bedrock, Azure deployment), if any. */
  readonly urlModel?: string;
  /** Stream decided by the URL (e.g. `:streamGenerateContent`), if the URL decides it. */
  readonly urlStream?: boolean;
  /** Parse the JSON request body (undefined when unreadable) into facts. Never throws. */
  parseRequest(body: unknown, captureContent: boolean): RequestFacts;
  /** A body parser for this response; picks JSON/SSE/NDJSON by content type. */
  createAccumulator(response: ResponseInfo, request: RequestFacts, captureContent: boolean): ResponseAccumulator;
}
