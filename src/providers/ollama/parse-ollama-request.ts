import type { RequestFacts } from '../types.js';
import {
  asArray, asBoolean, asInteger, asNonEmptyString, asNumber, asObject, asString, asStringList, definedOnly, type JsonObject,
} from '../json-fields.js';
import { ollamaInputMessages, ollamaToolDefinitions } from './ollama-content.js';
import { textMessage } from '../content-parts.js';

/** `format` is `"json"` or a JSON schema object; `""` (the Python client's default) means text. */
function outputTypeOf(format: unknown): string | undefined {
  if (format === 'json' || asObject(format)) return 'json';
  return undefined;
}

/** Ollama puts sampling parameters under `options`, with llama.cpp names (num_predict). */
function optionFacts(options: JsonObject): Partial<RequestFacts> {
  return {
    temperature: asNumber(options.temperature),
    topP: asNumber(options.top_p),
    topK: asInteger(options.top_k),
    maxTokens: asInteger(options.num_predict),
    stopSequences: asStringList(options.stop),
    seed: asInteger(options.seed),
    frequencyPenalty: asNumber(options.frequency_penalty),
    presencePenalty: asNumber(options.presence_penalty),
  };
}

/** Facts from an Ollama `/api/chat`, `/api/generate`, `/api/embeddings` or `/api/embed` body. */
export function parseOllamaRequest(base: { provider: string; operation: string }, rawBody: unknown, captureContent: boolean): RequestFacts {
  const body = asObject(rawBody) ?? {};
  const generates = base.operation !== 'embeddings';
  const facts: RequestFacts = {
    provider: base.provider,
    operation: base.operation,
    model: asNonEmptyString(body.model),
    // Chat and generate stream unless the body says `"stream": false`.
    stream: generates ? (asBoolean(body.stream) ?? true) : false,
  };
  if (!generates) return definedOnly(facts);
  Object.assign(facts, optionFacts(asObject(body.options) ?? {}), { outputType: outputTypeOf(body.format) });
  if (captureContent) {
    const system = asString(body.system);
    facts.content = definedOnly({
      inputMessages:
        base.operation === 'chat'
          ? ollamaInputMessages(asArray(body.messages))
          : [textMessage('user', asString(body.prompt) ?? '')],
      systemInstructions: system ? [{ type: 'text', content: system }] : undefined,
      toolDefinitions: ollamaToolDefinitions(body.tools),
    });
  }
  return definedOnly(facts);
}
