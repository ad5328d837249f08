import type {
  ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseAccumulator, ResponseFacts, ResponseInfo, SignatureCheck,
} from '../types.js';
import { definedOnly } from '../json-fields.js';
import { bodyKindOf } from '../body-kind.js';
import { hostnameOf, postPathOf } from '../post-path.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK } from '../../semconv.js';
import { readBedrockError } from './bedrock-error.js';
import { isSigV4ForBedrock } from './sigv4-scope.js';
import { bedrockTargetOf, isBedrockRuntimeHost, isStreamingAction, type BedrockTarget } from './bedrock-target.js';
import { ConverseStreamReducer } from './converse-stream-reducer.js';
import { createEventStreamAccumulator } from '../stream/aws-event-stream-accumulator.js';
import { usageFromHeaders, withHeaderUsage } from './header-usage.js';
import { InvokeStreamReducer } from './invoke-stream-reducer.js';
import { parseConverseRequest } from './parse-converse-request.js';
import { invokeOperationOf, parseInvokeRequest } from './parse-invoke-request.js';
import { readConverseResponse } from './read-converse-response.js';
import { readInvokeResponse } from './read-invoke-response.js';

function isConverse(target: BedrockTarget): boolean {
  return target.action === 'converse' || target.action === 'converse-stream';
}

function bodyReader(target: BedrockTarget, response: ResponseInfo, captureContent: boolean): (body: unknown) => ResponseFacts {
  if (response.status >= 400) return (body) => readBedrockError(body, response.headers);
  return isConverse(target)
    ? (body) => readConverseResponse(body, captureContent)
    : (body) => readInvokeResponse(body, captureContent);
}

/**
 * Adds what the response headers say to what the body said: usage counters the body lacks, and
 * for an error status the `x-amzn-errortype` name even when the body was not JSON at all.
 */
function withResponseHeaders(inner: ResponseAccumulator, response: ResponseInfo): ResponseAccumulator {
  return {
    push: (chunk) => inner.push(chunk),
    finish() {
      const facts = inner.finish();
      const usage = withHeaderUsage(facts.usage, usageFromHeaders(response.headers));
      if (response.status < 400) return definedOnly({ ...facts, usage });
      return definedOnly({ ...readBedrockError(undefined, response.headers), ...facts, usage });
    },
  };
}

function createAccumulator(target: BedrockTarget, response: ResponseInfo, request: RequestFacts, captureContent: boolean): ResponseAccumulator {
  const kind = bodyKindOf(response.headers['content-type'], request.stream);
  const inner =
    kind === 'aws-eventstream' && response.status < 400
      ? createEventStreamAccumulator(
          isConverse(target) ? new ConverseStreamReducer(captureContent) : new InvokeStreamReducer(captureContent),
        )
      : createJsonAccumulator(bodyReader(target, response, captureContent));
  return withResponseHeaders(inner, response);
}

/** Converse's `inputTokens` and Claude's `input_tokens` leave out the cache reads and writes. */
const BEDROCK_USAGE_COUNTING = { inputExcludesCache: true } as const;

function bedrockMatch(target: BedrockTarget, provider: string): ApiMatch {
  const stream = isStreamingAction(target.action);
  const base = { provider, model: target.modelId, stream };
  return {
    api: bedrockApi,
    provider,
    // An invoke body decides chat vs text completion; before it is read, chat.
    operation: isConverse(target) ? GEN_AI_OPERATION_NAME_VALUE_CHAT : invokeOperationOf({}, target.modelId),
    urlModel: target.modelId,
    urlStream: stream,
    usageCounting: BEDROCK_USAGE_COUNTING,
    parseRequest: (body, captureContent) =>
      isConverse(target) ? parseConverseRequest(base, body, captureContent) : parseInvokeRequest(base, body, captureContent),
    createAccumulator: (response, facts, captureContent) => createAccumulator(target, response, facts, captureContent),
  };
}

/**
 * Amazon Bedrock Runtime: Converse, ConverseStream, InvokeModel and InvokeModelWithResponseStream,
 * on the AWS endpoints, on any host the user maps to `api: bedrock`, and on any other host (a
 * proxy, a custom endpoint) when the request is SigV4-signed for the `bedrock` service.
 */
export const bedrockApi: LlmApi = {
  name: 'bedrock',
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
    const path = postPathOf(request);
    if (path === undefined) return undefined;
    if (!providerHint && !isBedrockRuntimeHost(hostnameOf(request))) return undefined;
    const target = bedrockTargetOf(path);
    return target ? bedrockMatch(target, providerHint ?? GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK) : undefined;
  },
  signature(request: HttpRequestInfo): SignatureCheck | undefined {
    const path = postPathOf(request);
    const target = path === undefined ? undefined : bedrockTargetOf(path);
    if (!target) return undefined;
    const match = bedrockMatch(target, GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK);
    return { confirm: (header) => (isSigV4ForBedrock(header('authorization'), request.url) ? match : undefined) };
  },
};
