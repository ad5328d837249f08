import { describe, expect, it } from 'vitest';

import { promptTasks } from '../../../../src/viewer/insights/prompt-tasks.js';
import { modelStats, percentile } from '../../../../src/viewer/insights/model-stats.js';
import { span } from '../span-builder.js';

function chat(user: string, extra: Record<string, string | number> = {}) {
  return span({
    name: 'chat gpt-4o-mini',
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'You are a support agent.' }]),
      'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: user }] }]),
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 5,
      'llm_otel.cost.usd': 0.5,
      ...extra,
    },
  });
}

describe('promptTasks', () => {
  it('groups calls whose messages differ only in variable parts and marks those parts', () => {
    const tasks = promptTasks([
      chat('Summarise ticket 4411 from Ann: the printer is on fire'),
      chat('Summarise ticket 98 from Bob Li: my invoice is wrong'),
      chat('Summarise ticket 7 from Zoë: cannot log in'),
      chat('Translate this into French: good morning'),
    ]);
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({ basis: 'content', calls: 3, models: ['gpt-4o-mini'], inputTokens: 30, outputTokens: 15, costUsd: 1.5 });
    expect(tasks[0]!.template).toEqual([
      { role: 'system', parts: [{ text: 'You are a support agent.' }] },
      { role: 'user', parts: [{ text: 'Summarise ticket ' }, { variable: 1 }, { text: ' from ' }, { variable: 2 }, { text: ': ' }, { variable: 3 }] },
    ]);
    expect(tasks[1]).toMatchObject({ calls: 1, template: [{}, { role: 'user', parts: [{ text: 'Translate this into French: good morning' }] }] });
  });

  it('without captured content, groups by span name, model and tool set', () => {
    const bare = (name: string, model: string) => span({ name, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': model } });
    const tasks = promptTasks([bare('chat gpt-4o', 'gpt-4o'), bare('chat gpt-4o', 'gpt-4o'), bare('chat o3', 'o3')]);
    expect(tasks.map((t) => [t.basis, t.label, t.calls, t.template])).toEqual([
      ['shape', 'chat gpt-4o · gpt-4o', 2, []],
      ['shape', 'chat o3 · o3', 1, []],
    ]);
  });
});

describe('modelStats', () => {
  it('computes per-model calls, errors, tokens, cost and nearest-rank percentiles, bucketed over time', () => {
    const call = (startMs: number, durationMs: number, isError = false) => ({
      traceId: 't', spanId: 's', name: 'chat', service: 'svc', model: 'm', provider: 'openai', startMs, durationMs, isError,
      inputTokens: 2, outputTokens: 3, costUsd: 0.1, timeToFirstChunkS: durationMs / 2000,
    });
    const stats = modelStats([call(0, 10), call(100, 20), call(150, 30, true), call(950, 40)], 0, 1000, 10);
    expect(stats.rows).toEqual([
      { model: 'm', service: 'svc', calls: 4, errors: 1, inputTokens: 8, outputTokens: 12, costUsd: expect.closeTo(0.4), durationP50Ms: 20, durationP95Ms: 40, ttftP50Ms: 10, ttftP95Ms: 20 },
    ]);
    expect(stats.series.m!.map((b) => b.calls)).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(stats.series.m![1]).toMatchObject({ errors: 1, tokens: 10, durationP95Ms: 30 });
    expect(percentile([], 50)).toBeNull();
  });
});
