import { describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../../../src/providers/registry.js';
import type { ApiMatch } from '../../../src/providers/types.js';

/**
 * Recognition by the request's own wire signature, on hosts nobody mapped: a company gateway, a
 * local proxy, a VPC endpoint, a path prefix. Headers are read only when the path is already a
 * candidate, so each case also records which headers the registry asked for.
 */

/** A SigV4 Authorization header as the AWS SDK signs a Bedrock Runtime call (credential scope `.../bedrock/aws4_request`). */
function sigV4(service: string): string {
  return (
    `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/${service}/aws4_request, ` +
    'SignedHeaders=content-type;host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000'
  );
}

interface Recognition {
  match: ApiMatch | undefined;
  /** Header names the registry read, in order. */
  read: string[];
}

function recognise(url: string, headers: Record<string, string> = {}, method = 'POST', registry = new ProviderRegistry()): Recognition {
  const read: string[] = [];
  const match = registry.match({
    method,
    url: new URL(url),
    header: (name) => {
      read.push(name);
      return headers[name];
    },
  });
  return { match, read };
}

const ANTHROPIC = { 'anthropic-version': '2023-06-01' };
const COHERE_SDK = { 'x-fern-sdk-name': 'cohere-ai' };
const OLLAMA_JS = { 'user-agent': 'ollama-js/0.6.4 (x64 linux Node.js/v24.11.0)' };

/** url, headers, expected provider, operation, and what the URL says of model and stream. */
const RECOGNISED: ReadonlyArray<
  readonly [title: string, url: string, headers: Record<string, string>, provider: string, operation: string, extra?: Partial<ApiMatch>]
> = [
  ['Anthropic Messages behind a gateway prefix', 'https://gw.corp/anthropic/v1/messages', ANTHROPIC, 'anthropic', 'chat'],
  ['Anthropic beta Messages on a local proxy', 'http://127.0.0.1:4000/v1/messages?beta=true', ANTHROPIC, 'anthropic', 'chat'],
  ['Anthropic legacy Text Completions', 'https://gw.corp/v1/complete', ANTHROPIC, 'anthropic', 'text_completion'],
  [
    'Gemini API generateContent behind a proxy',
    'https://proxy.local/google/v1beta/models/gemini-2.5-flash:generateContent',
    {},
    'gcp.gemini',
    'generate_content',
    { urlModel: 'gemini-2.5-flash', urlStream: false },
  ],
  [
    'Vertex AI streamGenerateContent (project and location in the path)',
    'http://127.0.0.1:9000/v1beta1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse',
    {},
    'gcp.vertex_ai',
    'generate_content',
    { urlModel: 'gemini-2.5-pro', urlStream: true },
  ],
  [
    'Vertex AI express mode (publisher path, no project)',
    'https://vertex.gw.corp/v1/publishers/google/models/gemini-2.5-flash:generateContent',
    {},
    'gcp.vertex_ai',
    'generate_content',
    { urlModel: 'gemini-2.5-flash' },
  ],
  [
    'Claude on Vertex AI (streamRawPredict)',
    'https://vertex.gw.corp/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514:streamRawPredict',
    {},
    'gcp.vertex_ai',
    'chat',
    { urlModel: 'claude-sonnet-4@20250514', urlStream: true },
  ],
  [
    'Bedrock Converse through a proxy',
    'http://bedrock-proxy.internal:8080/model/amazon.nova-lite-v1%3A0/converse',
    { authorization: sigV4('bedrock') },
    'aws.bedrock',
    'chat',
    { urlModel: 'amazon.nova-lite-v1:0', urlStream: false },
  ],
  [
    'Bedrock InvokeModelWithResponseStream through a proxy',
    'http://127.0.0.1:7000/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream',
    { authorization: sigV4('bedrock') },
    'aws.bedrock',
    'chat',
    { urlModel: 'anthropic.claude-3-haiku-20240307-v1:0', urlStream: true },
  ],
  ['Cohere v2 chat through a gateway', 'https://gw.corp/cohere/v2/chat', COHERE_SDK, 'cohere', 'chat'],
  ['Cohere v1 generate', 'http://127.0.0.1:5000/v1/generate', COHERE_SDK, 'cohere', 'text_completion'],
  ['Cohere v2 embed', 'http://127.0.0.1:5000/v2/embed', COHERE_SDK, 'cohere', 'embeddings'],
  ['Ollama chat on another port, from ollama-js', 'http://ollama.lan:8080/api/chat', OLLAMA_JS, 'ollama', 'chat'],
  ['Ollama generate on its default port, any client', 'http://gpu-box:11434/api/generate', {}, 'ollama', 'text_completion'],
  ['watsonx.ai text generation (version query)', 'https://wx.gw.corp/ml/v1/text/generation?version=2024-05-01', {}, 'ibm.watsonx.ai', 'text_completion'],
  ['watsonx.ai beta generation stream', 'http://127.0.0.1:6000/fx/x/ml/v1-beta/generation/text_stream?version=2024-02-15', {}, 'ibm.watsonx.ai', 'text_completion', { urlStream: true }],
  ['an OpenAI-compatible server (vLLM, LiteLLM)', 'http://127.0.0.1:8000/v1/chat/completions', {}, 'openai', 'chat'],
];

describe('recognition by wire signature on hosts nobody mapped', () => {
  for (const [title, url, headers, provider, operation, extra] of RECOGNISED) {
    it(title, () => {
      const { match } = recognise(url, headers);
      expect(match?.provider).toBe(provider);
      expect(match?.operation).toBe(operation);
      if (extra) expect(match).toMatchObject(extra);
    });
  }
});

/** An app's own JSON API on the same paths, without the provider's signature. */
const NOT_LLM_CALLS: ReadonlyArray<readonly [title: string, url: string, headers: Record<string, string>, method?: string]> = [
  ['an app endpoint on /v1/messages (no anthropic-version)', 'http://127.0.0.1:3000/v1/messages', { 'content-type': 'application/json' }],
  ['a GET of /v1/messages, even with anthropic-version', 'http://127.0.0.1:3000/v1/messages', ANTHROPIC, 'GET'],
  ['/v1/messages/count_tokens (not a model call)', 'https://gw.corp/v1/messages/count_tokens', ANTHROPIC],
  ['an app endpoint on /api/chat (another port, no ollama client)', 'http://127.0.0.1:3000/api/chat', { 'user-agent': 'node' }],
  ['/model/x/invoke without an Authorization', 'http://127.0.0.1:3000/model/x/invoke', {}],
  ['/model/x/invoke with a bearer token', 'http://127.0.0.1:3000/model/x/invoke', { authorization: 'Bearer abc.def' }],
  ['/model/x/invoke signed for another AWS service', 'http://127.0.0.1:3000/model/x/invoke', { authorization: sigV4('sagemaker') }],
  ['an app endpoint on /v2/chat (no Cohere SDK)', 'http://127.0.0.1:3000/v2/chat', {}],
  ['/ml/v1/text/generation without the version query', 'http://127.0.0.1:3000/ml/v1/text/generation', {}],
  ['a path ending in a custom method that is not a model call', 'http://127.0.0.1:3000/v1/models/x:countTokens', {}],
];

describe('an app\'s own API on the same paths is not an LLM call', () => {
  for (const [title, url, headers, method] of NOT_LLM_CALLS) {
    it(title, () => {
      expect(recognise(url, headers, method).match).toBeUndefined();
    });
  }
});

describe('headers are read only when the path is a candidate', () => {
  it.each([
    ['an unrelated JSON API call', 'http://127.0.0.1:3000/users/42'],
    ['an OpenAI-compatible call (its path alone decides)', 'http://127.0.0.1:8000/v1/chat/completions'],
    ['a call to a known provider host', 'https://api.anthropic.com/v1/messages'],
    ['a Gemini call (its path alone decides)', 'https://proxy.local/v1beta/models/gemini-2.5-flash:generateContent'],
  ])('%s reads no header', (_title, url) => {
    expect(recognise(url, ANTHROPIC).read).toEqual([]);
  });

  it('an Anthropic candidate reads anthropic-version and nothing else', () => {
    expect(recognise('https://gw.corp/anthropic/v1/messages', ANTHROPIC).read).toEqual(['anthropic-version']);
  });

  it('a Bedrock candidate reads the Authorization only', () => {
    expect(recognise('http://127.0.0.1:7000/model/m/converse', { authorization: sigV4('bedrock') }).read).toEqual(['authorization']);
  });
});

describe('the YAML providers mapping still wins', () => {
  const registry = new ProviderRegistry([{ host: 'gw.corp:8443', provider: 'corp-claude', api: 'anthropic' }]);

  it('recognises a mapped host by its path alone, under the mapping\'s provider name', () => {
    const { match, read } = recognise('https://gw.corp:8443/anthropic/v1/messages', {}, 'POST', registry);
    expect([match?.provider, match?.operation, read]).toEqual(['corp-claude', 'chat', []]);
  });

  it('renames the provider even when the signature names Anthropic', () => {
    expect(recognise('https://gw.corp:8443/v1/messages', ANTHROPIC, 'POST', registry).match?.provider).toBe('corp-claude');
  });

  it('leaves other hosts to the signatures', () => {
    expect(recognise('https://gw.corp:9443/v1/messages', ANTHROPIC, 'POST', registry).match?.provider).toBe('anthropic');
  });
});
