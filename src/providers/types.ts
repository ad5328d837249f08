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

/** Token modalities the conventions count input tokens by (`gen_ai.usage.<modality>.input_tokens`). */
export type InputModality = 'text' | 'image' | 'audio' | 'video';
/** Token modalities the conventions count output tokens by. */
export type OutputModality = 'text' | 'audio';

/** The provider's own counters, as sent (never summed: see UsageCounting for how they add up). */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheCreationInputTokens?: number;
  reasoningOutputTokens?: number;
  /** Input tokens by modality, where the provider breaks them down (OpenAI audio, Gemini details). */
  inputTokensByModality?: Partial<Record<InputModality, number>>;
  outputTokensByModality?: Partial<Record<OutputModality, number>>;
}

/**
 * How an API's counters relate, so that the newest conventions' totals (input including cache
 * reads and writes, output including reasoning) can be formed without guessing per provider.
 */
export interface UsageCounting {
  /** The input count leaves out cache reads and writes (Anthropic, Bedrock). */
  readonly inputExcludesCache?: boolean;
  /** The output count leaves out reasoning tokens (Gemini's `candidatesTokenCount` vs `thoughtsTokenCount`). */
  readonly outputExcludesReasoning?: boolean;
}

/** What the response said. Every field is optional: a truncated body still yields what was read. */
export interface ResponseFacts {
  /** As sent: a string, except AI21 Jurassic-2 on Bedrock, whose id is a JSON number. */
  responseId?: string | number;
  responseModel?: string;
  /**
   * Provider values, one per choice/candidate, in index order, as text: the conventions type
   * them as strings, so Vertex's integer enums (`enum-encoding=int`, 1 = STOP) arrive as `"1"`.
   */
  finishReasons?: string[];
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

/**
 * Reads one request header by its lower-case name (repeats joined with ', '). Transports read it
 * from their own header structures on demand; a value is never copied to a span.
 */
export type RequestHeaderReader = (name: string) => string | undefined;

/** How recognition sees the HTTP request, before its body. */
export interface HttpRequestInfo {
  method: string;
  url: URL;
  /** The request's headers; asked only for a wire signature that needs one. Absent: none known. */
  header?: RequestHeaderReader;
}

/**
 * The rest of a wire signature, for a request whose method and URL already look like the API's:
 * the header it must carry. Returns the match when the header confirms it.
 */
export interface SignatureCheck {
  confirm(header: RequestHeaderReader): ApiMatch | undefined;
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
   * Recognise the request on the API's own hosts, or on any host when `providerHint` (a
   * `providers:` mapping) names this API, from method and URL alone (no headers, no body). Must be
   * cheap: it runs on every HTTP request (the capture remembers the answer per URL).
   */
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined;
  /**
   * Recognise the request on a host nobody mapped, by the API's wire signature: a match when the
   * method and URL alone are the signature, a check of the one header that completes it when the
   * path is a candidate, else undefined. Reads no header itself.
   */
  signature?(request: HttpRequestInfo): ApiMatch | SignatureCheck | undefined;
}

export interface ApiMatch {
  readonly api: LlmApi;
  readonly provider: string;
  readonly operation: string;
  /** Model named by the URL (Gemini, Bedrock, Azure deployment), if any. */
  readonly urlModel?: string;
  /** Stream decided by the URL (e.g. `:streamGenerateContent`), if the URL decides it. */
  readonly urlStream?: boolean;
  /** How this API's usage counters add up (absent: input includes cache, output includes reasoning). */
  readonly usageCounting?: UsageCounting;
  /** Parse the JSON request body (undefined when unreadable) into facts. Never throws. */
  parseRequest(body: unknown, captureContent: boolean): RequestFacts;
  /** A body parser for this response; picks JSON/SSE/NDJSON by content type. */
  createAccumulator(response: ResponseInfo, request: RequestFacts, captureContent: boolean): ResponseAccumulator;
}
