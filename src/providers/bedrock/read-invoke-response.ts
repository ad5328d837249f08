import type { ResponseFacts } from '../types.js';
import {
  asArray, asInteger, asNonEmptyString, asObject, asString, definedOnly, dig, type JsonObject,
} from '../json-fields.js';
import { finishReasonsByIndex, readOpenAiUsage } from '../openai/read-openai-response.js';
import { readAnthropicUsage } from '../anthropic/read-anthropic-response.js';
import { chatOutputMessage } from '../openai/openai-content.js';
import { readConverseResponse } from './read-converse-response.js';
import { invokeParts } from './invoke-content.js';
import { textMessage } from '../content-parts.js';

/**
 * InvokeModel response bodies are model-native. The family is recognised by the body's shape,
 * not the model id, so inference profiles, ARNs and imported models are read the same way.
 * Token counts come from the body where the family reports them; the caller fills the gaps from
 * the `x-amzn-bedrock-*-token-count` headers. Finish reasons are raw.
 */

function assistantText(text: unknown, finishReason: unknown): unknown {
  return textMessage('assistant', asString(text) ?? '', finishReason ?? undefined);
}

function reasons(values: unknown[]): string[] | undefined {
  const list = values.filter((v): v is string => typeof v === 'string' && v !== '');
  return list.length > 0 ? list : undefined;
}

/** Anthropic Messages API body (Claude 3+): `{id, model, content, stop_reason, usage}`. */
function anthropicMessage(body: JsonObject, captureContent: boolean): ResponseFacts {
  return {
    responseId: asNonEmptyString(body.id),
    responseModel: asNonEmptyString(body.model),
    finishReasons: reasons([body.stop_reason]),
    usage: readAnthropicUsage(body.usage),
    outputMessages: captureContent
      ? [{ role: asString(body.role) ?? 'assistant', parts: invokeParts(body.content), finish_reason: body.stop_reason ?? undefined }]
      : undefined,
  };
}

/** Cohere Command R chat: `{response_id, text, generation_id, finish_reason, meta.billed_units}`. */
function readCohereChat(body: JsonObject, captureContent: boolean): ResponseFacts {
  return {
    responseId: asNonEmptyString(body.response_id),
    finishReasons: reasons([body.finish_reason]),
    usage: definedOnly({
      inputTokens: asInteger(dig(body, 'meta', 'billed_units', 'input_tokens')),
      outputTokens: asInteger(dig(body, 'meta', 'billed_units', 'output_tokens')),
    }),
    outputMessages: captureContent ? [assistantText(body.text, body.finish_reason)] : undefined,
  };
}

function readFamily(body: JsonObject, captureContent: boolean): ResponseFacts {
  if (body.type === 'message') return anthropicMessage(body, captureContent);
  // Anthropic text completions (Claude v2, Instant): no usage in the body.
  if (body.type === 'completion') {
    return { finishReasons: reasons([body.stop_reason]), outputMessages: captureContent ? [assistantText(body.completion, body.stop_reason)] : undefined };
  }
  // Nova: the Converse shape.
  if (body.stopReason !== undefined || asObject(body.output)) return readConverseResponse(body, captureContent);
  // OpenAI-compatible bodies (AI21 Jamba, Mistral Large 2, OpenAI gpt-oss).
  if (Array.isArray(body.choices)) {
    return {
      responseId: asNonEmptyString(body.id),
      responseModel: asNonEmptyString(body.model),
      finishReasons: finishReasonsByIndex(body.choices),
      usage: readOpenAiUsage(body.usage),
      outputMessages: captureContent ? body.choices.map((c) => chatOutputMessage(asObject(c)?.message, asObject(c)?.finish_reason)) : undefined,
    };
  }
  // Titan text: `{inputTextTokenCount, results: [{tokenCount, outputText, completionReason}]}`.
  const results = asArray(body.results);
  if (results) {
    const only = results.length === 1 ? asObject(results[0]) : undefined;
    return {
      finishReasons: reasons(results.map((r) => asObject(r)?.completionReason)),
      usage: definedOnly({ inputTokens: asInteger(body.inputTextTokenCount), outputTokens: asInteger(only?.tokenCount) }),
      outputMessages: captureContent ? results.map((r) => assistantText(asObject(r)?.outputText, asObject(r)?.completionReason)) : undefined,
    };
  }
  // Meta Llama: `{generation, prompt_token_count, generation_token_count, stop_reason}`.
  if (body.generation !== undefined) {
    return {
      finishReasons: reasons([body.stop_reason]),
      usage: definedOnly({ inputTokens: asInteger(body.prompt_token_count), outputTokens: asInteger(body.generation_token_count) }),
      outputMessages: captureContent ? [assistantText(body.generation, body.stop_reason)] : undefined,
    };
  }
  // Mistral text completions: `{outputs: [{text, stop_reason}]}`.
  const outputs = asArray(body.outputs);
  if (outputs) {
    return {
      finishReasons: reasons(outputs.map((o) => asObject(o)?.stop_reason)),
      outputMessages: captureContent ? outputs.map((o) => assistantText(asObject(o)?.text, asObject(o)?.stop_reason)) : undefined,
    };
  }
  // Cohere Command (generate): `{id, generations: [{id, text, finish_reason}]}`.
  const generations = asArray(body.generations);
  if (generations) {
    return {
      responseId: asNonEmptyString(body.id),
      finishReasons: reasons(generations.map((g) => asObject(g)?.finish_reason)),
      outputMessages: captureContent ? generations.map((g) => assistantText(asObject(g)?.text, asObject(g)?.finish_reason)) : undefined,
    };
  }
  // AI21 Jurassic-2: `{id, completions: [{data: {text}, finishReason: {reason}}]}`. The id is a
  // number on the wire (1234 in real recordings) and is kept as sent.
  const completions = asArray(body.completions);
  if (completions) {
    return {
      responseId: asNonEmptyString(body.id) ?? asInteger(body.id),
      finishReasons: reasons(completions.map((c) => dig(c, 'finishReason', 'reason'))),
      outputMessages: captureContent
        ? completions.map((c) => assistantText(dig(c, 'data', 'text'), dig(c, 'finishReason', 'reason')))
        : undefined,
    };
  }
  if (body.response_id !== undefined || body.finish_reason !== undefined) return readCohereChat(body, captureContent);
  // Embeddings: Titan `{embedding, inputTextTokenCount}`; Cohere `{id, embeddings}`.
  if (body.embedding !== undefined || body.embeddings !== undefined) {
    return { responseId: asNonEmptyString(body.id), usage: definedOnly({ inputTokens: asInteger(body.inputTextTokenCount) }) };
  }
  return {};
}

/** A complete InvokeModel JSON body. */
export function readInvokeResponse(rawBody: unknown, captureContent: boolean): ResponseFacts {
  const body = asObject(rawBody);
  if (!body) return {};
  const facts = readFamily(body, captureContent);
  if (facts.usage && Object.keys(facts.usage).length === 0) facts.usage = undefined;
  return definedOnly(facts);
}
