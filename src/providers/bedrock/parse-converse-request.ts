import type { RequestFacts } from '../types.js';
import { asInteger, asNumber, asObject, asStringList, definedOnly } from '../json-fields.js';
import { GEN_AI_OPERATION_NAME_VALUE_CHAT } from '../../semconv.js';
import { converseInputMessages, converseSystemInstructions, converseToolDefinitions } from './converse-content.js';

/**
 * Converse / ConverseStream request body. Sampling parameters live in `inferenceConfig`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InferenceConfiguration.html);
 * top-k has no Converse field and travels model-native in `additionalModelRequestFields`.
 */
export function parseConverseRequest(
  base: { provider: string; model: string; stream: boolean },
  rawBody: unknown,
  captureContent: boolean,
): RequestFacts {
  const body = asObject(rawBody) ?? {};
  const config = asObject(body.inferenceConfig) ?? {};
  const extra = asObject(body.additionalModelRequestFields) ?? {};
  const facts: RequestFacts = {
    provider: base.provider,
    operation: GEN_AI_OPERATION_NAME_VALUE_CHAT,
    model: base.model,
    stream: base.stream,
    maxTokens: asInteger(config.maxTokens),
    temperature: asNumber(config.temperature),
    topP: asNumber(config.topP),
    topK: asNumber(extra.top_k) ?? asNumber(extra.topK),
    stopSequences: asStringList(config.stopSequences),
  };
  if (captureContent) {
    facts.content = definedOnly({
      inputMessages: converseInputMessages(body.messages),
      systemInstructions: converseSystemInstructions(body.system),
      toolDefinitions: converseToolDefinitions(asObject(body.toolConfig)?.tools),
    });
  }
  return definedOnly(facts);
}
