import { describe, expect, it } from 'vitest';
import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { bedrockApi } from '../../../../src/providers/bedrock/bedrock-api.js';
import type { ResponseFacts } from '../../../../src/providers/types.js';

/**
 * Model families the recordings do not cover, with bodies shaped as the Bedrock model-parameter
 * docs show them (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html).
 */

const codec = new EventStreamCodec(
  (input) => (typeof input === 'string' ? input : new TextDecoder().decode(input)),
  (input) => new TextEncoder().encode(input),
);

const HOST = 'https://bedrock-runtime.us-west-2.amazonaws.com';

function frame(headers: Record<string, string>, payload: unknown): Uint8Array {
  const tagged: MessageHeaders = {};
  for (const [name, value] of Object.entries(headers)) tagged[name] = { type: 'string', value };
  return codec.encode({ headers: tagged, body: new TextEncoder().encode(JSON.stringify(payload)) });
}

/** One `chunk` event carrying a model-native JSON chunk, base64 inside `{bytes}` as Bedrock sends it. */
function chunk(json: unknown): Uint8Array {
  const bytes = Buffer.from(JSON.stringify(json)).toString('base64');
  return frame({ ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' }, { bytes });
}

function read(path: string, requestBody: unknown, body: Uint8Array, headers: Record<string, string>, status = 200, capture = false): ResponseFacts {
  const match = bedrockApi.match({ method: 'POST', url: new URL(HOST + path) })!;
  const request = match.parseRequest(requestBody, capture);
  const accumulator = match.createAccumulator({ status, headers }, request, capture);
  for (let offset = 0; offset < body.length; offset += 11) accumulator.push(body.subarray(offset, offset + 11));
  return accumulator.finish();
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const JSON_HEADERS = { 'content-type': 'application/json' };
const STREAM_HEADERS = { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-bedrock-content-type': 'application/json' };

describe('InvokeModel bodies of families outside the recordings', () => {
  it('Mistral text completion: finish reasons per output, usage from headers', () => {
    const facts = read(
      '/model/mistral.mistral-7b-instruct-v0%3A2/invoke',
      { prompt: '<s>[INST] hi [/INST]', max_tokens: 5 },
      json({ outputs: [{ text: 'Hello', stop_reason: 'length' }] }),
      { ...JSON_HEADERS, 'x-amzn-bedrock-input-token-count': '9', 'x-amzn-bedrock-output-token-count': '5' },
    );
    expect(facts).toEqual({ finishReasons: ['length'], usage: { inputTokens: 9, outputTokens: 5 } });
  });

  it('Cohere Command R chat: response id, raw finish reason, billed units', () => {
    const facts = read(
      '/model/cohere.command-r-plus-v1%3A0/invoke',
      { message: 'hi', max_tokens: 5 },
      json({ response_id: 'r-1', text: 'Hello', generation_id: 'g-1', finish_reason: 'COMPLETE', meta: { billed_units: { input_tokens: 3, output_tokens: 2 } } }),
      JSON_HEADERS,
    );
    expect(facts).toEqual({ responseId: 'r-1', finishReasons: ['COMPLETE'], usage: { inputTokens: 3, outputTokens: 2 } });
  });

  it('OpenAI-compatible bodies (AI21 Jamba, Mistral Large 2, gpt-oss): choices and usage', () => {
    const facts = read(
      '/model/ai21.jamba-1-5-mini-v1%3A0/invoke',
      { messages: [{ role: 'user', content: 'hi' }], max_tokens: 5, n: 2 },
      json({
        id: 'chatcmpl-1',
        model: 'jamba-1.5-mini',
        choices: [
          { index: 1, message: { role: 'assistant', content: 'b' }, finish_reason: 'length' },
          { index: 0, message: { role: 'assistant', content: 'a' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 },
      }),
      JSON_HEADERS,
    );
    expect(facts).toEqual({
      responseId: 'chatcmpl-1', responseModel: 'jamba-1.5-mini', finishReasons: ['stop', 'length'], usage: { inputTokens: 4, outputTokens: 6 },
    });
  });

  it('Claude Messages body: thinking tokens are read as on the Anthropic API', () => {
    const body = {
      id: 'msg_t', model: 'claude-sonnet-4', type: 'message', role: 'assistant', stop_reason: 'end_turn', content: [],
      usage: { input_tokens: 12, output_tokens: 40, output_tokens_details: { thinking_tokens: 25 } },
    };
    const facts = read('/model/anthropic.claude-sonnet-4-v1%3A0/invoke', { messages: [] }, json(body), JSON_HEADERS);
    expect(facts.usage).toEqual({ inputTokens: 12, outputTokens: 40, reasoningOutputTokens: 25 });
  });

  it('Titan embeddings: input tokens only', () => {
    const facts = read('/model/amazon.titan-embed-text-v2%3A0/invoke', { inputText: 'hi' }, json({ embedding: [0.1, 0.2], inputTextTokenCount: 3 }), JSON_HEADERS);
    expect(facts).toEqual({ usage: { inputTokens: 3 } });
  });
});

describe('InvokeModelWithResponseStream of families outside the recordings', () => {
  it('Llama: cumulative counters, stop reason on the last chunk, invocation metrics win', () => {
    const body = Buffer.concat([
      chunk({ generation: 'Hel', prompt_token_count: 8, generation_token_count: 1, stop_reason: null }),
      chunk({ generation: 'lo', prompt_token_count: null, generation_token_count: 2, stop_reason: 'stop', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 8, outputTokenCount: 2, invocationLatency: 10, firstByteLatency: 5 } }),
    ]);
    const facts = read('/model/meta.llama3-8b-instruct-v1%3A0/invoke-with-response-stream', { prompt: 'hi' }, body, STREAM_HEADERS, 200, true);
    expect(facts).toEqual({
      finishReasons: ['stop'],
      usage: { inputTokens: 8, outputTokens: 2 },
      outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: 'Hello' }], finish_reason: 'stop' }],
    });
  });

  it('Llama without invocation metrics: its own counters', () => {
    const body = Buffer.concat([
      chunk({ generation: 'Hel', prompt_token_count: 8, generation_token_count: 1, stop_reason: null }),
      chunk({ generation: 'lo', prompt_token_count: null, generation_token_count: 2, stop_reason: 'length' }),
    ]);
    const facts = read('/model/meta.llama3-8b-instruct-v1%3A0/invoke-with-response-stream', { prompt: 'hi' }, body, STREAM_HEADERS);
    expect(facts).toEqual({ finishReasons: ['length'], usage: { inputTokens: 8, outputTokens: 2 } });
  });

  it('Claude v2 text completion chunks', () => {
    const body = Buffer.concat([
      chunk({ type: 'completion', completion: ' Hi', stop_reason: null, stop: null }),
      chunk({ type: 'completion', completion: '', stop_reason: 'stop_sequence', stop: '\n\nHuman:', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 12, outputTokenCount: 3 } }),
    ]);
    const facts = read('/model/anthropic.claude-v2/invoke-with-response-stream', { prompt: '\n\nHuman: hi\n\nAssistant:' }, body, STREAM_HEADERS);
    expect(facts).toEqual({ finishReasons: ['stop_sequence'], usage: { inputTokens: 12, outputTokens: 3 } });
  });

  it('OpenAI-compatible chunks', () => {
    const body = Buffer.concat([
      chunk({ id: 'c-1', model: 'jamba', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }] }),
      chunk({ id: 'c-1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1 } }),
    ]);
    const facts = read('/model/ai21.jamba-instruct-v1%3A0/invoke-with-response-stream', { messages: [] }, body, STREAM_HEADERS);
    expect(facts).toEqual({ responseId: 'c-1', responseModel: 'jamba', finishReasons: ['stop'], usage: { inputTokens: 3, outputTokens: 1 } });
  });

  it('an exception frame after the 200 becomes the error, keeping what came before it', () => {
    const body = Buffer.concat([
      chunk({ type: 'message_start', message: { id: 'msg_1', model: 'claude-3-haiku-20240307', usage: { input_tokens: 5, output_tokens: 1 } } }),
      frame({ ':message-type': 'exception', ':exception-type': 'modelStreamErrorException', ':content-type': 'application/json' }, { message: 'Model stream error' }),
    ]);
    const facts = read('/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream', { messages: [] }, body, STREAM_HEADERS);
    expect(facts).toEqual({
      responseId: 'msg_1',
      responseModel: 'claude-3-haiku-20240307',
      usage: { inputTokens: 5, outputTokens: 1 },
      errorType: 'ModelStreamErrorException',
      errorMessage: 'Model stream error',
    });
  });

  it('ConverseStream: a throttling exception frame', () => {
    const body = Buffer.concat([
      frame({ ':event-type': 'messageStart', ':message-type': 'event' }, { role: 'assistant' }),
      frame({ ':message-type': 'exception', ':exception-type': 'throttlingException' }, { message: 'Too many requests' }),
    ]);
    const facts = read('/model/amazon.nova-micro-v1%3A0/converse-stream', { messages: [] }, body, STREAM_HEADERS);
    expect(facts).toEqual({ errorType: 'ThrottlingException', errorMessage: 'Too many requests' });
  });
});
