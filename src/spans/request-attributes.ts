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
  const set = (key: string, value: Attributes[string]) => {
    if (value !== undefined) attributes[key] = value;
  };
  set(ATTR_GEN_AI_REQUEST_MODEL, facts.model);
  set(ATTR_GEN_AI_REQUEST_TEMPERATURE, facts.temperature);
  set(ATTR_GEN_AI_REQUEST_TOP_P, facts.topP);
  set(ATTR_GEN_AI_REQUEST_TOP_K, facts.topK);
  set(ATTR_GEN_AI_REQUEST_MAX_TOKENS, facts.maxTokens);
  set(ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, facts.stopSequences);
  set(ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, facts.frequencyPenalty);
  set(ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, facts.presencePenalty);
  set(ATTR_GEN_AI_REQUEST_SEED, facts.seed);
  set(ATTR_GEN_AI_REQUEST_CHOICE_COUNT, facts.choiceCount);
  set(ATTR_GEN_AI_REQUEST_ENCODING_FORMATS, facts.encodingFormats);
  set(ATTR_GEN_AI_OUTPUT_TYPE, facts.outputType);
  if (facts.stream) attributes[ATTR_GEN_AI_REQUEST_STREAM] = true;
  set(ATTR_GEN_AI_OPENAI_REQUEST_SERVICE_TIER, facts.serviceTier);
  return attributes;
}
