import type { Attributes } from '@opentelemetry/api';
import { ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '@opentelemetry/semantic-conventions';
import type { RequestFacts } from '../providers/types.js';
import {
  ATTR_GEN_AI_OPENAI_REQUEST_SERVICE_TIER, ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_OUTPUT_TYPE, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_CHOICE_COUNT,
  ATTR_GEN_AI_REQUEST_ENCODING_FORMATS, ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, ATTR_GEN_AI_REQUEST_STREAM, ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K, ATTR_GEN_AI_REQUEST_TOP_P,
} from '../semconv.js';

function defaultPort(url: URL): number {
  return url.protocol === 'https:' ? 443 : 80;
}

/** Span-start attributes: what a sampler sees (operation, provider, model) and the request's parameters. */
export function requestAttributes(facts: RequestFacts, url: URL): Attributes {
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: facts.operation,
    [ATTR_GEN_AI_PROVIDER_NAME]: facts.provider,
    [ATTR_SERVER_ADDRESS]: url.hostname,
    [ATTR_SERVER_PORT]: url.port ? Number(url.port) : defaultPort(url),
  };
  // One store per attribute, not a `set(key, value)` helper: a helper's single store sees every
  // key and goes megamorphic (see response-attributes.ts).
  const { model, temperature, topP, topK, maxTokens, stopSequences, frequencyPenalty, presencePenalty, seed, choiceCount, encodingFormats, outputType, serviceTier } = facts;
  if (model !== undefined) attributes[ATTR_GEN_AI_REQUEST_MODEL] = model;
  if (temperature !== undefined) attributes[ATTR_GEN_AI_REQUEST_TEMPERATURE] = temperature;
  if (topP !== undefined) attributes[ATTR_GEN_AI_REQUEST_TOP_P] = topP;
  if (topK !== undefined) attributes[ATTR_GEN_AI_REQUEST_TOP_K] = topK;
  if (maxTokens !== undefined) attributes[ATTR_GEN_AI_REQUEST_MAX_TOKENS] = maxTokens;
  if (stopSequences !== undefined) attributes[ATTR_GEN_AI_REQUEST_STOP_SEQUENCES] = stopSequences;
  if (frequencyPenalty !== undefined) attributes[ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY] = frequencyPenalty;
  if (presencePenalty !== undefined) attributes[ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY] = presencePenalty;
  if (seed !== undefined) attributes[ATTR_GEN_AI_REQUEST_SEED] = seed;
  if (choiceCount !== undefined) attributes[ATTR_GEN_AI_REQUEST_CHOICE_COUNT] = choiceCount;
  if (encodingFormats !== undefined) attributes[ATTR_GEN_AI_REQUEST_ENCODING_FORMATS] = encodingFormats;
  if (outputType !== undefined) attributes[ATTR_GEN_AI_OUTPUT_TYPE] = outputType;
  if (facts.stream) attributes[ATTR_GEN_AI_REQUEST_STREAM] = true;
  if (serviceTier !== undefined) attributes[ATTR_GEN_AI_OPENAI_REQUEST_SERVICE_TIER] = serviceTier;
  return attributes;
}
