import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { span } from '../../../src/api/span.js';
import type { ManualSpanKind, SpanOptions } from '../../../src/api/types.js';
import { installInMemoryTracing, type InMemoryTracing } from './in-memory-tracing.js';

let tracing: InMemoryTracing;

beforeAll(async () => {
  tracing = await installInMemoryTracing();
});

afterAll(async () => {
  await tracing.close();
});


interface KindCase {
  kind: ManualSpanKind;
  name: string;
  options: SpanOptions;
  spanName: string;
  spanKind: SpanKind;
  attributes: Record<string, unknown>;
}

const CASES: KindCase[] = [
  {
    kind: 'agent',
    name: 'planner',
    options: { agentId: 'agt-1', description: 'plans the trip' },
    spanName: 'invoke_agent planner',
    spanKind: SpanKind.INTERNAL,
    attributes: {
      'llm_otel.span.kind': 'agent',
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'planner',
      'gen_ai.agent.id': 'agt-1',
      'gen_ai.agent.description': 'plans the trip',
    },
  },
  {
    kind: 'tool',
    name: 'get_weather',
    options: { toolCallId: 'call_1', toolType: 'function', description: 'current weather' },
    spanName: 'execute_tool get_weather',
    spanKind: SpanKind.INTERNAL,
    attributes: {
      'llm_otel.span.kind': 'tool',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get_weather',
      'gen_ai.tool.call.id': 'call_1',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.description': 'current weather',
    },
  },
  {
    kind: 'retrieval',
    name: 'docs-search',
    options: { dataSourceId: 'kb-main' },
    spanName: 'retrieval kb-main',
    spanKind: SpanKind.CLIENT,
    attributes: { 'llm_otel.span.kind': 'retrieval', 'gen_ai.operation.name': 'retrieval', 'gen_ai.data_source.id': 'kb-main' },
  },
  {
    kind: 'retrieval',
    name: 'faq',
    options: {},
    spanName: 'retrieval faq',
    spanKind: SpanKind.CLIENT,
    attributes: { 'llm_otel.span.kind': 'retrieval', 'gen_ai.operation.name': 'retrieval', 'gen_ai.data_source.id': 'faq' },
  },
  {
    kind: 'embedding',
    name: 'embed-query',
    options: { model: 'text-embedding-3-small', provider: 'openai' },
    spanName: 'embeddings text-embedding-3-small',
    spanKind: SpanKind.CLIENT,
    attributes: {
      'llm_otel.span.kind': 'embedding',
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.request.model': 'text-embedding-3-small',
      'gen_ai.provider.name': 'openai',
    },
  },
  {
    kind: 'llm',
    name: 'local-llama',
    options: { model: 'llama3', provider: 'ollama' },
    spanName: 'chat llama3',
    spanKind: SpanKind.CLIENT,
    attributes: {
      'llm_otel.span.kind': 'llm',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'llama3',
      'gen_ai.provider.name': 'ollama',
    },
  },
  {
    kind: 'llm',
    name: 'summarizer',
    options: { operation: 'text_completion' },
    spanName: 'text_completion summarizer',
    spanKind: SpanKind.CLIENT,
    attributes: { 'llm_otel.span.kind': 'llm', 'gen_ai.operation.name': 'text_completion' },
  },
  {
    kind: 'chain',
    name: 'rag-pipeline',
    options: {},
    spanName: 'invoke_workflow rag-pipeline',
    spanKind: SpanKind.INTERNAL,
    attributes: { 'llm_otel.span.kind': 'chain', 'gen_ai.operation.name': 'invoke_workflow', 'gen_ai.workflow.name': 'rag-pipeline' },
  },
  {
    kind: 'function',
    name: 'parseInvoice',
    options: { metadata: { pages: 3 } },
    spanName: 'parseInvoice',
    spanKind: SpanKind.INTERNAL,
    attributes: { 'llm_otel.span.kind': 'function', 'llm_otel.metadata.pages': 3 },
  },
  {
    kind: 'other',
    name: 'cache lookup',
    options: {},
    spanName: 'cache lookup',
    spanKind: SpanKind.INTERNAL,
    attributes: { 'llm_otel.span.kind': 'other' },
  },
];

describe('span kinds map onto the GenAI conventions', () => {
  it.each(CASES.map((c) => [`${c.kind} ${c.name}`, c] as const))('%s', (_label, c) => {
    span(c.name, c.kind, c.options, () => {});
    const [finished] = tracing.spans();
    expect(tracing.spans()).toHaveLength(1);
    expect(finished!.name).toBe(c.spanName);
    expect(finished!.kind).toBe(c.spanKind);
    expect(finished!.attributes).toEqual(c.attributes);
  });

  it('treats an unknown kind from JavaScript callers as other', () => {
    span('mystery', 'bogus' as ManualSpanKind, () => {});
    const [finished] = tracing.spans();
    expect(finished!.name).toBe('mystery');
    expect(finished!.attributes).toEqual({ 'llm_otel.span.kind': 'other' });
  });
});
