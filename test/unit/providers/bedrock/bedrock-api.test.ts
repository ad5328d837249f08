import { describe, expect, it } from 'vitest';
import { bedrockApi } from '../../../../src/providers/bedrock/bedrock-api.js';
import { ProviderRegistry } from '../../../../src/providers/registry.js';
import type { HttpRequestInfo } from '../../../../src/providers/types.js';
import { loadFixture } from '../../../helpers/fixtures.js';
import { parseFixture } from '../../../helpers/parse-fixture.js';

function request(url: string, method = 'POST'): HttpRequestInfo {
  return { method, url: new URL(url) };
}

describe('recognising Bedrock Runtime requests', () => {
  it.each([
    'https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse',
    'https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse',
    'https://bedrock-runtime.cn-north-1.amazonaws.com.cn/model/amazon.nova-lite-v1%3A0/converse',
    'https://bedrock-runtime.eu-west-1.api.aws/model/amazon.nova-lite-v1%3A0/converse',
    'https://vpce-0abc-12345.bedrock-runtime.us-east-1.vpce.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse',
  ])('%s', (url) => {
    const match = new ProviderRegistry().match(request(url));
    expect(match?.api.name).toBe('bedrock');
    expect(match?.provider).toBe('aws.bedrock');
    expect(match?.urlModel).toBe('amazon.nova-lite-v1:0');
  });

  it('decodes an inference-profile ARN, whose slash arrives as %2F, into the model id', () => {
    const match = bedrockApi.match(
      request('https://bedrock-runtime.us-east-1.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A000000000000%3Ainference-profile%2Fus.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse-stream'),
    );
    expect(match?.urlModel).toBe('arn:aws:bedrock:us-east-1:000000000000:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(match?.urlStream).toBe(true);
    expect(match?.operation).toBe('chat');
  });

  it('ignores other hosts, other methods and other Bedrock paths', () => {
    expect(bedrockApi.match(request('https://example.com/model/amazon.nova-lite-v1%3A0/converse'))).toBeUndefined();
    expect(bedrockApi.match(request('https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse', 'GET'))).toBeUndefined();
    expect(bedrockApi.match(request('https://bedrock-runtime.us-east-1.amazonaws.com/guardrail/g1/version/1/apply'))).toBeUndefined();
    expect(bedrockApi.match(request('https://bedrock.us-east-1.amazonaws.com/model/x/converse'))).toBeUndefined();
    expect(bedrockApi.match(request('https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse/extra'))).toBeUndefined();
  });

  it('on a host the user maps to bedrock, matches the path after any prefix and uses the mapped provider', () => {
    const registry = new ProviderRegistry([{ host: 'gateway.internal:8443', provider: 'my-bedrock', api: 'bedrock' }]);
    const match = registry.match(request('https://gateway.internal:8443/aws/fx/model/meta.llama3-70b-instruct-v1%3A0/invoke'));
    expect(match?.api.name).toBe('bedrock');
    expect(match?.provider).toBe('my-bedrock');
    expect(match?.urlModel).toBe('meta.llama3-70b-instruct-v1:0');
    expect(match?.parseRequest({ prompt: 'hi', max_gen_len: 5 }, false)).toEqual({
      provider: 'my-bedrock', operation: 'text_completion', model: 'meta.llama3-70b-instruct-v1:0', stream: false, maxTokens: 5,
    });
  });
});

describe('request facts', () => {
  it('reads Converse inferenceConfig and top-k from additionalModelRequestFields', () => {
    const match = bedrockApi.match(request('https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse'))!;
    const facts = match.parseRequest(
      {
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
        inferenceConfig: { maxTokens: 10, temperature: 0.8, topP: 1, stopSequences: ['|'] },
        additionalModelRequestFields: { top_k: 250 },
      },
      false,
    );
    expect(facts).toEqual({
      provider: 'aws.bedrock', operation: 'chat', model: 'anthropic.claude-3-haiku-20240307-v1:0', stream: false,
      maxTokens: 10, temperature: 0.8, topP: 1, topK: 250, stopSequences: ['|'],
    });
  });

  it.each([
    ['aws.bedrock--invokeModel--titan-text-express', { maxTokens: 200, temperature: 0.5, topP: 0.5 }],
    ['aws.bedrock--invokeModel--claude-v2-text-completion', { maxTokens: 200, temperature: 0.5 }],
    ['aws.bedrock--invokeModel--claude35-haiku-prompt-cache', { maxTokens: 50, temperature: 0.1, topP: 0.1, topK: 250, stopSequences: ['stop'] }],
    ['aws.bedrock--invokeModel--llama3-70b', { maxTokens: 128, temperature: 0.1, topP: 0.9 }],
    ['aws.bedrock--invokeModel--cohere-command-text', { maxTokens: 200, temperature: 0.5, topP: 0.5 }],
    ['aws.bedrock--invokeModel--ai21-j2-mid', { maxTokens: 200, temperature: 0.5, topP: 0.5 }],
    ['aws.bedrock--invokeModel--nova-lite', { maxTokens: 500, temperature: 0.7, topP: 0.9, topK: 20 }],
    ['aws.bedrock--invokeModelWithResponseStream--nova-pro', { maxTokens: 10, temperature: 0.8, topP: 1, stopSequences: ['|'] }],
    ['aws.bedrock--invokeModelWithResponseStream--mistral-small', { maxTokens: 20, temperature: 0.8, topP: 1, stopSequences: ['|'] }],
    ['aws.bedrock--invokeModelWithResponseStream--cohere-command-r', { maxTokens: 10, temperature: 0.8, topP: 0.99, stopSequences: ['|'] }],
  ] as const)('%s: sampling parameters of its model family', (name, parameters) => {
    const { request: facts } = parseFixture(loadFixture(name));
    const { provider, operation, model, stream, ...rest } = facts;
    expect(rest).toEqual(parameters);
    expect(provider).toBe('aws.bedrock');
  });

  it('an unreadable invoke body still gives model and stream from the URL, and chat until known', () => {
    const match = bedrockApi.match(request('https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan-text-express-v1/invoke-with-response-stream'))!;
    expect(match.parseRequest(undefined, false)).toEqual({ provider: 'aws.bedrock', operation: 'chat', model: 'amazon.titan-text-express-v1', stream: true });
  });

  it('names embedding models as embeddings', () => {
    const match = bedrockApi.match(request('https://bedrock-runtime.us-east-1.amazonaws.com/model/cohere.embed-english-v3/invoke'))!;
    expect(match.parseRequest({ texts: ['a'], input_type: 'search_document', embedding_types: ['float'] }, false)).toEqual({
      provider: 'aws.bedrock', operation: 'embeddings', model: 'cohere.embed-english-v3', stream: false, encodingFormats: ['float'],
    });
  });

  it('captures Converse messages, system and tools in the conventions shape when content capture is on', () => {
    const { request: facts } = parseFixture(loadFixture('aws.bedrock--converseStream--claude3-tool-use'), { captureContent: true });
    expect(facts.content).toEqual({
      inputMessages: [{ role: 'user', parts: [{ type: 'text', content: 'What is the weather in Barcelona?' }] }],
      toolDefinitions: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Get the current weather for a location',
          parameters: { type: 'object', properties: { location: { type: 'string', description: 'The city name' } }, required: ['location'] },
        },
      ],
    });
  });
});

describe('response facts', () => {
  it('assembles streamed text and tool calls when content capture is on', () => {
    const { response } = parseFixture(loadFixture('aws.bedrock--converseStream--claude3-tool-use'), { captureContent: true, chunkBytes: 17 });
    expect(response.outputMessages).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'Okay, let me check the weather for Barcelona using the available tool:' },
          { type: 'tool_call', id: 'tooluse_yypYDr71TwCwByoyao4-Vg', name: 'get_weather', arguments: { location: 'Barcelona' } },
        ],
        finish_reason: 'tool_use',
      },
    ]);
  });

  it('joins the one-delta blocks Nova streams into one text part', () => {
    const { response } = parseFixture(loadFixture('aws.bedrock--invokeModelWithResponseStream--nova-pro'), { captureContent: true });
    expect(response.outputMessages).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: "Certainly! If you're indicating that this interaction" }], finish_reason: 'max_tokens' },
    ]);
  });

  it('keeps AI21 Jurassic-2\'s numeric id as the number it is', () => {
    expect(parseFixture(loadFixture('aws.bedrock--invokeModel--ai21-j2-mid')).response.responseId).toBe(1234);
  });

  it('takes usage from the headers when the body has none (Claude v2 text completion)', () => {
    expect(parseFixture(loadFixture('aws.bedrock--invokeModel--claude-v2-text-completion')).response).toEqual({
      finishReasons: ['stop_sequence'],
      usage: { inputTokens: 18, outputTokens: 87 },
    });
  });

  it('fills only the counters the body lacks from the headers (Nova guardrail: input in body, output in header)', () => {
    const fixture = loadFixture('aws.bedrock--invokeModel--nova-lite');
    const headers = { ...fixture.response.headers, 'x-amzn-bedrock-input-token-count': '999' };
    const { response } = parseFixture({ ...fixture, response: { ...fixture.response, headers } });
    expect(response.usage).toEqual({ inputTokens: 30, outputTokens: 51 });
  });

  it('reads cache counters from the headers too, and ignores malformed counts', () => {
    const fixture = loadFixture('aws.bedrock--invokeModel--claude-v2-text-completion');
    const headers = {
      'content-type': 'application/json',
      'x-amzn-bedrock-input-token-count': '12',
      'x-amzn-bedrock-output-token-count': 'many',
      'x-amzn-bedrock-cache-read-input-token-count': '100',
      'x-amzn-bedrock-cache-write-input-token-count': '7',
    };
    const { response } = parseFixture({ ...fixture, response: { ...fixture.response, headers } });
    expect(response.usage).toEqual({ inputTokens: 12, cacheReadInputTokens: 100, cacheCreationInputTokens: 7 });
  });

  it('names an error from x-amzn-errortype even when the body is not JSON', () => {
    const fixture = loadFixture('aws.bedrock--invokeModelWithResponseStream--error-403-signature-expired');
    const { response } = parseFixture(fixture, { body: new TextEncoder().encode('<html>Forbidden</html>') });
    expect(response).toEqual({ errorType: 'InvalidSignatureException' });
  });

  it('names an error from the body __type when there is no header', () => {
    const fixture = loadFixture('aws.bedrock--invokeModelWithResponseStream--error-403-signature-expired');
    const body = new TextEncoder().encode(JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', Message: 'Malformed input request' }));
    const { response } = parseFixture(
      { ...fixture, response: { status: 400, headers: { 'content-type': 'application/json' }, body: null } },
      { body },
    );
    expect(response).toEqual({ errorType: 'ValidationException', errorMessage: 'Malformed input request' });
  });

  it('does not call a 200 an error because it carries x-amzn-errortype', () => {
    const fixture = loadFixture('aws.bedrock--invokeModel--llama3-70b');
    const headers = { ...fixture.response.headers, 'x-amzn-errortype': 'ThrottlingException' };
    expect(parseFixture({ ...fixture, response: { ...fixture.response, headers } }).response.errorType).toBeUndefined();
  });
});
