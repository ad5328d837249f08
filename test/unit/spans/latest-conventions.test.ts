import { describe, expect, it } from 'vitest';
import { responseAttributes } from '../../../src/spans/response-attributes.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { parseFixture } from '../../helpers/parse-fixture.js';

/**
 * Span usage attributes under both conventions, from recorded answers. The default is what
 * `@opentelemetry/semantic-conventions` 1.45 defines (the provider's own counters); with
 * `OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental` spans follow the GenAI conventions
 * repository: input tokens include cache reads and writes, output tokens include reasoning, the
 * cache-creation counter is named `cache_write`, and per-modality counters are recorded.
 */
function attributesOf(name: string) {
  const { match, response } = parseFixture(loadFixture(name));
  const pick = (attributes: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(attributes).filter(([key]) => key.startsWith('gen_ai.usage.')));
  return {
    default: pick(responseAttributes(response, 'default', match.usageCounting)),
    latest: pick(responseAttributes(response, 'latest', match.usageCounting)),
  };
}

describe('usage attributes: default vs latest conventions', () => {
  it('Anthropic: input excludes the cache by default; the latest input total adds reads and writes', () => {
    expect(attributesOf('anthropic--messages--prompt-cache-write')).toEqual({
      default: {
        'gen_ai.usage.input_tokens': 4,
        'gen_ai.usage.output_tokens': 187,
        'gen_ai.usage.cache_read.input_tokens': 0,
        'gen_ai.usage.cache_creation.input_tokens': 1163,
      },
      latest: {
        'gen_ai.usage.input_tokens': 1167,
        'gen_ai.usage.output_tokens': 187,
        'gen_ai.usage.cache_read.input_tokens': 0,
        'gen_ai.usage.cache_write.input_tokens': 1163,
      },
    });
  });

  it('OpenAI: prompt_tokens already include cached tokens; the audio counters appear under latest', () => {
    expect(attributesOf('openai--chat.completions--prompt-caching-hit')).toEqual({
      default: {
        'gen_ai.usage.input_tokens': 1149,
        'gen_ai.usage.output_tokens': 353,
        'gen_ai.usage.cache_read.input_tokens': 1024,
        'gen_ai.usage.reasoning.output_tokens': 0,
      },
      latest: {
        'gen_ai.usage.input_tokens': 1149,
        'gen_ai.usage.output_tokens': 353,
        'gen_ai.usage.cache_read.input_tokens': 1024,
        'gen_ai.usage.reasoning.output_tokens': 0,
        'gen_ai.usage.audio.input_tokens': 0,
        'gen_ai.usage.audio.output_tokens': 0,
      },
    });
  });

  it('Gemini: candidatesTokenCount leaves out thoughts; the latest output total adds them, and prompt modalities are counted', () => {
    expect(attributesOf('gcp.gemini--generateContent--gemini-2.5-flash')).toEqual({
      default: {
        'gen_ai.usage.input_tokens': 5,
        'gen_ai.usage.output_tokens': 877,
        'gen_ai.usage.reasoning.output_tokens': 1058,
      },
      latest: {
        'gen_ai.usage.input_tokens': 5,
        'gen_ai.usage.output_tokens': 1935,
        'gen_ai.usage.reasoning.output_tokens': 1058,
        'gen_ai.usage.text.input_tokens': 5,
      },
    });
  });

  it('Vertex AI with integer enums: modality 1 is text', () => {
    expect(attributesOf('gcp.vertex_ai--generateContent--enum-int-gemini-2.5-pro').latest).toEqual({
      'gen_ai.usage.input_tokens': 5,
      'gen_ai.usage.output_tokens': 299,
      'gen_ai.usage.reasoning.output_tokens': 294,
      'gen_ai.usage.text.input_tokens': 5,
      'gen_ai.usage.text.output_tokens': 5,
    });
  });
});

describe('finish reasons', () => {
  it('are strings under both conventions (Vertex sends integers)', () => {
    const { response } = parseFixture(loadFixture('gcp.vertex_ai--generateContent--enum-int-generation-config'));
    expect(responseAttributes(response, 'default')['gen_ai.response.finish_reasons']).toEqual(['2']);
    expect(responseAttributes(response, 'latest')['gen_ai.response.finish_reasons']).toEqual(['2']);
  });
});
