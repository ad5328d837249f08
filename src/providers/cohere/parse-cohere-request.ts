import type { RequestFacts } from '../types.js';
import {
  asArray, asBoolean, asInteger, asNonEmptyString, asNumber, asObject, asString, asStringList, definedOnly, type JsonObject,
} from '../json-fields.js';
import { chatInputMessages, toolDefinitions } from '../openai/openai-content.js';
import { v1ChatInputMessages, v1ToolDefinitions } from './cohere-content.js';
import type { CohereCall } from './read-cohere-response.js';
import { requestChoiceCount } from '../request-choice-count.js';
import { textMessage } from '../content-parts.js';

/** `response_format: {type: "json_object"}` (v1 and v2) asks for JSON output. */
function outputTypeOf(format: unknown): string | undefined {
  const type = asString(asObject(format)?.type);
  if (type === 'json_object') return 'json';
  if (type === 'text') return 'text';
  return undefined;
}

/**
 * Cohere names its sampling parameters `p` and `k` (not top_p/top_k) in v1 and v2 alike;
 * generate also has `end_sequences`, which end the output as stop sequences do.
 */
function samplingFacts(body: JsonObject): Partial<RequestFacts> {
  const stops = [...(asStringList(body.stop_sequences) ?? []), ...(asStringList(body.end_sequences) ?? [])];
  return {
    temperature: asNumber(body.temperature),
    topP: asNumber(body.p),
    topK: asInteger(body.k),
    maxTokens: asInteger(body.max_tokens),
    stopSequences: stops.length > 0 ? stops : undefined,
    seed: asInteger(body.seed),
    frequencyPenalty: asNumber(body.frequency_penalty),
    presencePenalty: asNumber(body.presence_penalty),
    outputType: outputTypeOf(body.response_format),
  };
}

/** Facts from a Cohere request body (v1 chat/generate/embed/rerank, v2 chat/embed/rerank). */
export function parseCohereRequest(
  base: CohereCall & { provider: string },
  rawBody: unknown,
  captureContent: boolean,
): RequestFacts {
  const body = asObject(rawBody) ?? {};
  const facts: RequestFacts = {
    provider: base.provider,
    operation: base.operation,
    model: asNonEmptyString(body.model),
    stream: asBoolean(body.stream) ?? false,
  };
  if (base.operation === 'embeddings') {
    facts.encodingFormats = asStringList(body.embedding_types);
    return definedOnly(facts);
  }
  if (base.operation !== 'chat' && base.operation !== 'text_completion') return definedOnly(facts);
  Object.assign(facts, samplingFacts(body));
  facts.choiceCount = requestChoiceCount(asInteger(body.num_generations));
  if (captureContent) facts.content = requestContent(base, body);
  return definedOnly(facts);
}

function requestContent(base: CohereCall, body: JsonObject): RequestFacts['content'] {
  if (base.operation === 'text_completion') {
    return { inputMessages: [textMessage('user', asString(body.prompt) ?? '')] };
  }
  if (base.version === 2) {
    // v2 chat messages and tools follow the OpenAI chat shapes (role/content/tool_calls/tool_call_id).
    return definedOnly({ inputMessages: chatInputMessages(body.messages), toolDefinitions: toolDefinitions(body.tools) });
  }
  const preamble = asString(body.preamble);
  return definedOnly({
    inputMessages: v1ChatInputMessages(asArray(body.chat_history), body.message, body.tool_results),
    systemInstructions: preamble ? [{ type: 'text', content: preamble }] : undefined,
    toolDefinitions: v1ToolDefinitions(body.tools),
  });
}
