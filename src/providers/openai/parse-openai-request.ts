import type { RequestFacts } from '../types.js';
import {
  asBoolean, asInteger, asNonEmptyString, asNumber, asObject, asString, asStringList, definedOnly, type JsonObject,
} from '../json-fields.js';
import { OPERATION_NAME_VALUE_IMAGE_EDIT, OPERATION_NAME_VALUE_IMAGE_GENERATION, OPERATION_NAME_VALUE_SPEECH_GENERATION } from '../../gen-ai-values.js';
import { FILE_AND_MEDIA_OPERATIONS, MULTIPART_OPERATIONS } from './file-and-media-operations.js';
import { multipartFields } from './multipart-fields.js';
import { chatInputMessages, responsesInputMessages, toolDefinitions } from './openai-content.js';
import { requestChoiceCount } from '../request-choice-count.js';
import { textMessage } from '../content-parts.js';

/** `response_format` / `text.format` type -> gen_ai.output.type. */
function outputTypeOf(format: unknown): string | undefined {
  const type = asString(asObject(format)?.type);
  if (type === 'json_object' || type === 'json_schema') return 'json';
  if (type === 'text') return 'text';
  return undefined;
}

/**
 * Writes the sampling parameters of a chat or completion body into `facts` (left undefined when
 * absent; definedOnly drops them). Into `facts`, not a new object merged in: this runs on every
 * traced call, and merging made two temporary objects each time.
 */
function addCommonSampling(facts: RequestFacts, body: JsonObject): void {
  facts.temperature = asNumber(body.temperature);
  facts.topP = asNumber(body.top_p);
  facts.frequencyPenalty = asNumber(body.frequency_penalty);
  facts.presencePenalty = asNumber(body.presence_penalty);
  facts.seed = asInteger(body.seed);
  facts.stopSequences = asStringList(body.stop);
  facts.choiceCount = requestChoiceCount(asInteger(body.n));
  facts.serviceTier = asNonEmptyString(body.service_tier);
}

/**
 * Facts from an OpenAI-compatible request body for the given operation. `urlModel` is the
 * Azure deployment (from the path) used when the body names no model.
 */
export function parseOpenAiRequest(
  base: { provider: string; operation: string; urlModel?: string; path: string },
  rawBody: unknown,
  captureContent: boolean,
): RequestFacts {
  if (FILE_AND_MEDIA_OPERATIONS.has(base.operation)) return parseFileOrMediaRequest(base, rawBody);
  const body = asObject(rawBody) ?? {};
  const facts: RequestFacts = {
    provider: base.provider,
    operation: base.operation,
    model: asNonEmptyString(body.model) ?? base.urlModel,
    stream: asBoolean(body.stream) ?? false,
  };
  if (base.path.endsWith('/responses')) {
    Object.assign(facts, {
      temperature: asNumber(body.temperature),
      topP: asNumber(body.top_p),
      maxTokens: asInteger(body.max_output_tokens),
      outputType: outputTypeOf(asObject(body.text)?.format),
      serviceTier: asNonEmptyString(body.service_tier),
    });
    if (captureContent) {
      const instructions = asString(body.instructions);
      facts.content = definedOnly({
        inputMessages: responsesInputMessages(body.input),
        systemInstructions: instructions ? [{ type: 'text', content: instructions }] : undefined,
        toolDefinitions: toolDefinitions(body.tools),
      });
    }
  } else if (base.operation === 'embeddings') {
    const format = asString(body.encoding_format);
    facts.encodingFormats = format ? [format] : undefined;
  } else if (base.operation === OPERATION_NAME_VALUE_IMAGE_GENERATION) {
    facts.choiceCount = requestChoiceCount(asInteger(body.n));
    facts.outputType = 'image';
  } else if (base.operation === 'invoke_agent') {
    // Assistants run: the model is optional (the assistant's default applies).
    Object.assign(facts, { temperature: asNumber(body.temperature), topP: asNumber(body.top_p) });
  } else {
    addCommonSampling(facts, body);
    facts.maxTokens = asInteger(body.max_completion_tokens) ?? asInteger(body.max_tokens);
    facts.outputType = outputTypeOf(body.response_format);
    if (captureContent) {
      facts.content = definedOnly({
        inputMessages:
          base.operation === 'text_completion'
            ? [textMessage('user', body.prompt)]
            : chatInputMessages(body.messages),
        toolDefinitions: toolDefinitions(body.tools, body.functions),
      });
    }
  }
  return definedOnly(facts);
}

/**
 * Audio, image edit, moderation, file and batch requests: the model (a multipart field for the
 * uploads, a JSON field otherwise; files and batches name none) and what kind of output comes back.
 * Their inputs (audio, images, moderated text) are not message content and are never recorded.
 */
function parseFileOrMediaRequest(base: { provider: string; operation: string; urlModel?: string }, rawBody: unknown): RequestFacts {
  const fields: Record<string, unknown> = MULTIPART_OPERATIONS.has(base.operation) ? multipartFields(rawBody, ['model', 'stream', 'n']) : (asObject(rawBody) ?? {});
  const stream = fields.stream === true || fields.stream === 'true';
  return definedOnly({
    provider: base.provider,
    operation: base.operation,
    model: asNonEmptyString(fields.model) ?? base.urlModel,
    stream,
    outputType:
      base.operation === OPERATION_NAME_VALUE_SPEECH_GENERATION ? 'speech' : base.operation === OPERATION_NAME_VALUE_IMAGE_EDIT ? 'image' : undefined,
  });
}
