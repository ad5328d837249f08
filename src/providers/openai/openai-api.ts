import type { ApiMatch, HttpRequestInfo, LlmApi, RequestFacts, ResponseAccumulator, ResponseInfo } from '../types.js';
import {
  GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
  GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION, GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI, GEN_AI_PROVIDER_NAME_VALUE_OPENAI,
} from '../../semconv.js';
import { OPERATION_NAME_VALUE_IMAGE_GENERATION, PROVIDER_NAME_VALUE_WRITER } from '../../gen-ai-values.js';
import { FILE_AND_MEDIA_OPERATIONS, fileOrMediaOperationOf, fileOrMediaResponseIsJson } from './file-and-media-operations.js';
import { bodyKindOf } from '../body-kind.js';
import { hostnameOf, postPathOf } from '../post-path.js';
import { createJsonAccumulator } from '../stream/json-accumulator.js';
import { createSseAccumulator } from '../stream/sse-accumulator.js';
import { openAiCompatibleProviderOf } from './openai-hosts.js';
import { parseOpenAiRequest } from './parse-openai-request.js';
import { readOpenAiResponse } from './read-openai-response.js';
import { OpenAiStreamReducer } from './openai-stream-reducer.js';
import { decodePathSegment } from '../path-segment.js';

/** Path endings of the OpenAI API, most specific first. */
const OPERATIONS_BY_PATH_END: ReadonlyArray<readonly [string, string]> = [
  ['/chat/completions', GEN_AI_OPERATION_NAME_VALUE_CHAT],
  ['/completions', GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION],
  ['/embeddings', GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS],
  ['/responses', GEN_AI_OPERATION_NAME_VALUE_CHAT],
  ['/images/generations', OPERATION_NAME_VALUE_IMAGE_GENERATION],
];

/** Writer's chat endpoint is `/v1/chat` on its own host. */
const WRITER_CHAT_PATH = '/v1/chat';
const ASSISTANTS_RUN_PATH = /\/threads\/[^/]+\/runs$|\/threads\/runs$/;
const AZURE_DEPLOYMENT_PATH = /\/openai\/deployments\/([^/]+)\//;

function operationOf(path: string, provider: string | undefined): string | undefined {
  for (const [end, operation] of OPERATIONS_BY_PATH_END) if (path.endsWith(end)) return operation;
  if (ASSISTANTS_RUN_PATH.test(path)) return GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT;
  if (provider === PROVIDER_NAME_VALUE_WRITER && path.endsWith(WRITER_CHAT_PATH)) return GEN_AI_OPERATION_NAME_VALUE_CHAT;
  return fileOrMediaOperationOf(path);
}

/**
 * On a host nothing names as an LLM host, `/files`, `/batches` or `/moderations` alone are too
 * common to mean OpenAI: there the file and media endpoints count only under `/v1/`.
 */
function signatureOperationOf(path: string): string | undefined {
  const operation = operationOf(path, undefined);
  if (operation === undefined || !FILE_AND_MEDIA_OPERATIONS.has(operation)) return operation;
  return /\/v1\/[a-z/]+$/.test(path) ? operation : undefined;
}

function openAiMatch(path: string, provider: string, azureDeployment: string | undefined, operation = operationOf(path, provider)): ApiMatch | undefined {
  if (!operation) return undefined;
  const urlModel = azureDeployment ? decodePathSegment(azureDeployment) : undefined;
  return {
    api: openAiApi,
    provider,
    operation,
    urlModel,
    parseRequest: (body, captureContent) => parseOpenAiRequest({ provider, operation, urlModel, path }, body, captureContent),
    createAccumulator: (response: ResponseInfo, facts: RequestFacts, captureContent: boolean): ResponseAccumulator => {
      // Speech is audio bytes and transcripts can be plain text, SRT or VTT: not buffered, not read.
      if (FILE_AND_MEDIA_OPERATIONS.has(operation) && !fileOrMediaResponseIsJson(response.headers['content-type'])) return IGNORED_BODY;
      return bodyKindOf(response.headers['content-type'], facts.stream) === 'sse'
        ? createSseAccumulator(new OpenAiStreamReducer(captureContent))
        : createJsonAccumulator((body) => readOpenAiResponse(body, captureContent, operation));
    },
  };
}

const IGNORED_BODY: ResponseAccumulator = { push() {}, finish: () => ({}) };

/**
 * The OpenAI API and everything that speaks it: on the hosts of the provider-host table
 * (openai-hosts.ts) under their provider's name, on a mapped host under the mapping's, and on any
 * other host (vLLM, LiteLLM, a gateway) by its paths alone, as `openai` (`azure.ai.openai` for an
 * Azure deployment path): nothing else on the wire names the server behind an OpenAI-shaped call.
 */
export const openAiApi: LlmApi = {
  name: 'openai',
  match(request: HttpRequestInfo, providerHint?: string): ApiMatch | undefined {
    const path = postPathOf(request);
    if (path === undefined) return undefined;
    const provider = providerHint ?? openAiCompatibleProviderOf(hostnameOf(request), path);
    return provider ? openAiMatch(path, provider, AZURE_DEPLOYMENT_PATH.exec(path)?.[1]) : undefined;
  },
  signature(request: HttpRequestInfo): ApiMatch | undefined {
    const path = postPathOf(request);
    if (path === undefined) return undefined;
    const azureDeployment = AZURE_DEPLOYMENT_PATH.exec(path)?.[1];
    return openAiMatch(path, azureDeployment ? GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI : GEN_AI_PROVIDER_NAME_VALUE_OPENAI, azureDeployment, signatureOperationOf(path));
  },
};
