import { describe, expect, it } from 'vitest';

import type { Decision, EndpointConfig, KeywordRule } from '../../../src/router/config/router-config.js';
import { decideByPriority } from '../../../src/router/decision/priority-decision.js';
import { CompletionCollector } from '../../../src/router/plugins/completion-collector.js';
import { completionToSse } from '../../../src/router/plugins/completion-to-sse.js';
import { requestKeys } from '../../../src/router/plugins/request-key.js';
import { ResponseCache } from '../../../src/router/plugins/response-cache.js';
import { withSystemPrompt } from '../../../src/router/plugins/system-prompt.js';
import { applyReasoning } from '../../../src/router/reasoning.js';
import { evaluateKeywordRules } from '../../../src/router/signals/keyword-signal.js';
import { EndpointPool } from '../../../src/router/upstream/endpoint-pool.js';
import type { ChatRequest } from '../../../src/router/http/chat-request.js';

const endpoint = (name: string, weight: number): EndpointConfig => ({ name, weight, address: '127.0.0.1', port: 1, origin: 'http://127.0.0.1:1', timeoutMs: 1000 });

describe('EndpointPool', () => {
  const endpoints = new Map([endpoint('a', 3), endpoint('b', 1), endpoint('backup', 0)].map((e) => [e.name, e]));

  it('orders by weight (a draw below 3/4 puts a first), backups last', () => {
    expect(new EndpointPool(endpoints, 1000, () => 0.7).attemptOrder(['a', 'b', 'backup']).map((e) => e.name)).toEqual(['a', 'b', 'backup']);
    expect(new EndpointPool(endpoints, 1000, () => 0.8).attemptOrder(['a', 'b', 'backup']).map((e) => e.name)).toEqual(['b', 'a', 'backup']);
  });

  it('skips an endpoint during its cool-down, then tries it again', () => {
    let now = 0;
    const pool = new EndpointPool(endpoints, 1000, () => 0, () => now);
    pool.coolDown(endpoints.get('a')!);
    expect(pool.attemptOrder(['a', 'b']).map((e) => e.name)).toEqual(['b']);
    now = 1000;
    expect(pool.attemptOrder(['a', 'b']).map((e) => e.name)).toEqual(['a', 'b']);
  });
});

describe('keyword rules and priority decisions', () => {
  const rule = (name: string, operator: KeywordRule['operator'], ...keywords: string[]): KeywordRule => ({ name, operator, patterns: keywords.map((k) => new RegExp(k, 'i')) });
  const rules = [rule('any', 'OR', 'urgent', 'asap'), rule('all', 'AND', 'ssn', 'credit card'), rule('none', 'NOR', 'buy now')];

  it('applies OR, AND and NOR', () => {
    expect([...evaluateKeywordRules(rules, 'URGENT: my SSN and credit card').keys()]).toEqual(['any', 'all', 'none']);
    expect([...evaluateKeywordRules(rules, 'buy now, my ssn').keys()]).toEqual([]);
  });

  it('picks the highest-priority decision that holds; AND needs every condition', () => {
    const decision = (name: string, priority: number, operator: 'AND' | 'OR', ...names: string[]): Decision => ({
      name, priority, operator, conditions: names.map((n) => ({ type: 'keyword', name: n })), modelRefs: [{ model: name }], plugins: [],
    });
    const decisions = [decision('low', 1, 'OR', 'any'), decision('high', 5, 'AND', 'any', 'all'), decision('tie', 1, 'OR', 'none')];
    const signals = (names: string[]) => ({ keyword: new Map(names.map((n) => [n, 1])), embedding: new Map([['e', 0.8]]) });
    expect(decideByPriority(decisions, signals(['any']))?.decision.name).toBe('low');
    expect(decideByPriority(decisions, signals(['any', 'all']))?.matchedRules).toEqual(['keyword:any', 'keyword:all']);
    expect(decideByPriority(decisions, signals(['none']))?.decision.name).toBe('tie');
    expect(decideByPriority(decisions, signals([]))).toBeUndefined();
  });
});

const chat = (content: string, extra: Record<string, unknown> = {}): ChatRequest => {
  const messages = [{ role: 'user', content }];
  return { body: { model: 'auto', messages, ...extra }, model: 'auto', stream: extra.stream === true, includeUsage: false, messages };
};

describe('response cache', () => {
  const completion = (text: string) => ({ id: 'c', object: 'chat.completion', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] });

  it('keys ignore streaming and whitespace but not the model or parameters, and never hold the text', () => {
    const keys = requestKeys(chat('hello  world'), 'm');
    expect(requestKeys(chat(' hello world ', { stream: true, stream_options: { include_usage: true } }), 'm').exact).toBe(keys.exact);
    expect(requestKeys(chat('hello world'), 'other').exact).not.toBe(keys.exact);
    expect(requestKeys(chat('hello world', { temperature: 0.5 }), 'm').exact).not.toBe(keys.exact);
    expect(requestKeys(chat('goodbye'), 'm').context).toBe(keys.context);
    expect(keys.exact).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is bounded in entries and finds the most similar entry of the same context', () => {
    const cache = new ResponseCache({ enabled: true, similarityThreshold: 0.9, maxEntries: 2, maxBytes: 1 << 20, ttlSeconds: 60, evictionPolicy: 'fifo' });
    cache.store(requestKeys(chat('one'), 'm'), completion('1'), [1, 0]);
    cache.store(requestKeys(chat('two'), 'm'), completion('2'), [0, 1]);
    cache.store(requestKeys(chat('three'), 'm'), completion('3'), [0.7, 0.7]);
    expect(cache.size).toBe(2);
    expect(cache.lookupExact(requestKeys(chat('one'), 'm'))).toBeUndefined();
    const hit = cache.lookupSimilar(requestKeys(chat('deux'), 'm'), [0.1, 1], 0.9);
    expect(hit?.entry.completion).toEqual(completion('2'));
    expect(cache.lookupSimilar(requestKeys(chat('deux'), 'other-model'), [0.1, 1], 0.9)).toBeUndefined();
  });

  it('refuses an entry larger than a tenth of its byte budget', () => {
    const cache = new ResponseCache({ enabled: true, similarityThreshold: 0.9, maxEntries: 10, maxBytes: 2000, ttlSeconds: 60, evictionPolicy: 'lru' });
    cache.store(requestKeys(chat('big'), 'm'), completion('x'.repeat(500)), undefined);
    expect(cache.size).toBe(0);
  });

  it('reassembles a streamed answer and replays it as a valid stream', () => {
    const collector = new CompletionCollector(true, 1 << 20);
    const events = [
      { id: 'c1', model: 'm', created: 1, choices: [{ index: 0, delta: { role: 'assistant', content: 'Hel' } }] },
      { id: 'c1', model: 'm', created: 1, choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: 'stop' }] },
      { id: 'c1', model: 'm', created: 1, choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
    ];
    const text = events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('') + 'data: [DONE]\n\n';
    collector.push(Buffer.from(text.slice(0, 17)));
    collector.push(Buffer.from(text.slice(17)));
    const rebuilt = collector.finish()!;
    expect(rebuilt).toEqual({
      id: 'c1', object: 'chat.completion', created: 1, model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    });
    const replay = completionToSse(rebuilt, true).split('\n\n').filter(Boolean);
    expect(replay.at(-1)).toBe('data: [DONE]');
    expect(replay.slice(0, -1).map((line) => JSON.parse(line.slice(6)).object)).toEqual(['chat.completion.chunk', 'chat.completion.chunk', 'chat.completion.chunk']);
    const tooLarge = new CompletionCollector(true, 10);
    tooLarge.push(Buffer.from(text));
    expect(tooLarge.finish()).toBeUndefined();
  });

  it('does not cache a stream cut before [DONE] or one with tool calls', () => {
    const cut = new CompletionCollector(true, 1 << 20);
    cut.push(Buffer.from('data: {"choices":[{"index":0,"delta":{"content":"x"}}]}\n\n'));
    expect(cut.finish()).toBeUndefined();
    const tools = new CompletionCollector(true, 1 << 20);
    tools.push(Buffer.from('data: {"choices":[{"index":0,"delta":{"tool_calls":[{}]}}]}\n\ndata: [DONE]\n\n'));
    expect(tools.finish()).toBeUndefined();
  });
});

describe('plugins and reasoning', () => {
  it('replaces or inserts the system prompt', () => {
    const messages = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }];
    expect(withSystemPrompt(messages, { type: 'system_prompt', enabled: true, systemPrompt: 'Expert.', mode: 'replace' })[0]).toEqual({ role: 'system', content: 'Expert.' });
    expect(withSystemPrompt(messages, { type: 'system_prompt', enabled: true, systemPrompt: 'Expert.', mode: 'insert' })[0]).toEqual({ role: 'system', content: 'Expert.\n\nBe brief.' });
    expect(withSystemPrompt(messages.slice(1), { type: 'system_prompt', enabled: true, systemPrompt: 'Expert.', mode: 'insert' })).toHaveLength(2);
  });

  it('spells use_reasoning as the model family does', () => {
    expect(applyReasoning({}, { model: 'q', useReasoning: false }, { type: 'chat_template_kwargs', parameter: 'enable_thinking' }, 'high')).toEqual({ chat_template_kwargs: { enable_thinking: false } });
    expect(applyReasoning({}, { model: 'g', useReasoning: true }, { type: 'reasoning_effort', parameter: 'reasoning_effort' }, 'high')).toEqual({ reasoning_effort: 'high' });
    expect(applyReasoning({ a: 1 }, { model: 'g' }, { type: 'reasoning_effort', parameter: 'reasoning_effort' }, 'high')).toEqual({ a: 1 });
  });
});
