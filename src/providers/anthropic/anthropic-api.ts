import type { ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseAccumulator, ResponseInfo, SignatureCheck } from '../types.js';
import {
  GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION, GEN_AI_PROVIDER_NAME_VALUE_ANTHROPIC,
} from '../../semconv.js';
import { bodyKindOf } from '../body-kind.js';
import { hostnameOf, postPathOf } from '../post-path.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { createSseAccumulator } from '../stream/sse-accumulator.js';
import { parseAnthropicRequest } from './parse-anthropic-request.js';
import { readAnthropicResponse } from './read-anthropic-response.js';
import { AnthropicStreamReducer } from './anthropic-stream-reducer.js';

const ANTHROPIC_HOST = 'api.anthropic.com';

/**
 * Path endings of the Anthropic API: Messages (`/v1/messages`) and the legacy Text Completions
 * (`/v1/complete`). Matched as endings so a gateway that prefixes the path (`/anthropic/v1/messages`)
 * is recognised once mapped; `/v1/messages/count_tokens` and `/v1/messages/batches` are not calls.
 */
function operationOf(path: string): string | undefined {
  if (path.endsWith('/messages')) return GEN_AI_OPERATION_NAME_VALUE_CHAT;
  if (path.endsWith('/complete')) return GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION;
  return undefined;
}

const ANTHROPIC_USAGE_COUNTING = { inputExcludesCache: true } as const;

/** The header every Anthropic client sends (`anthropic-version: 2023-06-01`); an app's own `/v1/messages` has none. */
const ANTHROPIC_VERSION_HEADER = 'anthropic-version';

/**
 * The body readers of the Anthropic Messages format, for any host that serves it (api.anthropic.com,
 * a mapped gateway, or Claude on Vertex AI, whose URL names the model).
 */
export function anthropicMessagesMatch(
  api: LlmApi,
  base: { provider: string; operation: string; urlModel?: string; urlStream?: boolean },
): ApiMatch {
  return {
    api,
    provider: base.provider,
    operation: base.operation,
    urlModel: base.urlModel,
    urlStream: base.urlStream,
    // `input_tokens` leaves out `cache_read_input_tokens` and `cache_creation_input_tokens`.
    usageCounting: ANTHROPIC_USAGE_COUNTING,
    parseRequest(body, captureContent) {
      const facts = parseAnthropicRequest(base, body, captureContent);
      if (base.urlStream) facts.stream = true;
      return facts;
    },
    createAccumulator: (response: ResponseInfo, facts: RequestFacts, captureContent: boolean): ResponseAccumulator =>
      bodyKindOf(response.headers['content-type'], facts.stream) === 'sse'
        ? createSseAccumulator(new AnthropicStreamReducer(captureContent))
        : createJsonAccumulator((body) => readAnthropicResponse(body, captureContent)),
  };
}

/**
 * The Anthropic API on api.anthropic.com, on any host mapped to `api: anthropic`, and on any other
 * host (a gateway, a proxy, any path prefix) when the request carries an `anthropic-version` header.
 */
export const anthropicApi: LlmApi = {
  name: 'anthropic',
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
    const path = postPathOf(request);
    if (path === undefined) return undefined;
    const provider = providerHint ?? (hostnameOf(request) === ANTHROPIC_HOST ? GEN_AI_PROVIDER_NAME_VALUE_ANTHROPIC : undefined);
    if (!provider) return undefined;
    const operation = operationOf(path);
    return operation ? anthropicMessagesMatch(anthropicApi, { provider, operation }) : undefined;
  },
  signature(request: HttpRequestInfo): SignatureCheck | undefined {
    const path = postPathOf(request);
    const operation = path === undefined ? undefined : operationOf(path);
    if (!operation) return undefined;
    const match = anthropicMessagesMatch(anthropicApi, { provider: GEN_AI_PROVIDER_NAME_VALUE_ANTHROPIC, operation });
    return { confirm: (header) => (header(ANTHROPIC_VERSION_HEADER) ? match : undefined) };
  },
};
